import type { UsageReport } from '@vereinsraum/protocol';
import { ConfigDirectory } from '../directory.js';
import { HttpError } from '../errors.js';
import { readPeriod } from '../routes/usage.js';
import { usageCsv, usageSentence } from '../usage/report.js';
import { type UsageScope, UsageService } from '../usage/service.js';
import { cliLog, type Command, openStore, readConfig, UsageError } from './args.js';

const COLUMNS = [
  ['conferences', 'conferences'],
  ['participants', 'participants'],
  ['joins', 'joins'],
  ['peak', 'peak'],
  ['conferenceMinutes', 'conf. min'],
  ['participantMinutes', 'part. min'],
] as const;

/** The report as an aligned text table, with a totals line. */
export function usageTable(report: UsageReport): string {
  const rows = [
    [report.group, ...COLUMNS.map(([, title]) => title)],
    ...report.rows.map((row) => [row.key, ...COLUMNS.map(([column]) => row[column].toLocaleString('en-GB'))]),
    ['total', ...COLUMNS.map(([column]) => report.totals[column].toLocaleString('en-GB'))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/** `usage`: the figures of a period, from the store (no conference server is asked). */
export const FIGURE_COMMANDS: Record<string, Command> = {
  usage: async (values) => {
    const config = await readConfig(values);
    const tenant = typeof values.tenant === 'string' ? values.tenant : undefined;
    const region = typeof values.region === 'string' ? values.region : undefined;
    if (tenant && region) throw new UsageError('give --tenant or --region, not both');
    if (tenant && !config.tenants.has(tenant)) throw new UsageError(`--tenant: there is no tenant '${tenant}' in the configuration`);
    const scope: UsageScope = tenant ? { kind: 'tenant', tenant } : region ? { kind: 'region', region } : { kind: 'all' };
    const store = await openStore(values, config);
    try {
      const usage = new UsageService({
        config,
        store,
        directory: new ConfigDirectory(config, store),
        providers: new Map(),
        keys: () => Promise.reject(new Error('the usage report needs no keys')),
        now: Date.now,
        log: cliLog,
      });
      const query = new URLSearchParams();
      for (const name of ['from', 'to', 'group'] as const) if (typeof values[name] === 'string') query.set(name, values[name]);
      let period;
      try {
        period = readPeriod(query, usage.today());
      } catch (error) {
        if (error instanceof HttpError) throw new UsageError(`--${error.field}: ${error.detail}`);
        throw error;
      }
      const report = await usage.report(scope, period);
      if (values.csv) process.stdout.write(usageCsv(report));
      else if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        const whose = tenant
          ? `Tenant ${tenant}`
          : region
            ? `Region ${region} (${(report.scope as { tenants: string[] }).tenants.length} tenants)`
            : 'All tenants';
        console.log(`${whose}: ${usageSentence(report)}.\n`);
        console.log(usageTable(report));
        console.log(`\n${report.definitions.participant}\n${report.definitions.participantHour}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
