import { isValidId, type UsageGroup } from '@vereinsraum/protocol';
import type { RouteContext } from '../context.js';
import type { ClubSessionContext } from './clubs.js';
import { HttpError } from '../errors.js';
import { json } from '../http.js';
import { addDays, isDay } from '../usage/days.js';
import { usageCsv } from '../usage/report.js';
import type { UsageScope, UsageService } from '../usage/service.js';

/** The longest period one report covers, in days. */
export const USAGE_MAX_DAYS = 366;
const GROUPS: readonly UsageGroup[] = ['day', 'week', 'room'];

function usageOf(context: RouteContext): UsageService {
  const usage = context.services.usage;
  if (!usage) throw new HttpError(403, 'usage_disabled', 'This server keeps no usage figures: it was started without a store.');
  return usage;
}

/**
 * The period and grouping of a report from the query: `from` and `to`
 * (`YYYY-MM-DD`, both included; default the last 14 days up to today),
 * `group` (`day`, `week`, `room`; default `day`).
 *
 * @throws {@link HttpError} `400 invalid_input` naming the parameter.
 */
export function readPeriod(query: URLSearchParams, today: string): { from: string; to: string; group: UsageGroup } {
  const to = query.get('to') ?? today;
  if (!isDay(to)) throw new HttpError(400, 'invalid_input', 'to must be a day written YYYY-MM-DD.', 'to');
  const from = query.get('from') ?? addDays(to, -13);
  if (!isDay(from) || from > to) throw new HttpError(400, 'invalid_input', 'from must be a day written YYYY-MM-DD, not after to.', 'from');
  if (addDays(from, USAGE_MAX_DAYS - 1) < to) {
    throw new HttpError(400, 'invalid_input', `A report covers at most ${USAGE_MAX_DAYS} days.`, 'from');
  }
  const group = (query.get('group') ?? 'day') as UsageGroup;
  if (!GROUPS.includes(group)) throw new HttpError(400, 'invalid_input', 'group must be "day", "week" or "room".', 'group');
  return { from, to, group };
}

/**
 * `GET /v1/admin/usage?tenant=&region=&from=&to=&group=`: usage figures as
 * JSON (`UsageReport`), or as CSV with `Accept: text/csv`. The admin token
 * may ask for every tenant (neither `tenant` nor `region`), a region or one
 * tenant. The scope is decided here and handed to the report, so a route for
 * a club's contact person can pass their own tenant as the only scope.
 */
export async function adminUsageRoute(request: Request, context: RouteContext): Promise<Response> {
  const usage = usageOf(context);
  const query = context.url.searchParams;
  const tenantId = query.get('tenant');
  const region = query.get('region');
  let scope: UsageScope = { kind: 'all' };
  if (tenantId !== null && region !== null) {
    throw new HttpError(400, 'invalid_input', 'Ask for one tenant or one region, not both.', 'region');
  }
  if (tenantId !== null) {
    if (!(await context.services.directory.tenant(tenantId))) {
      throw new HttpError(400, 'invalid_input', 'tenant must name a tenant of the configuration.', 'tenant');
    }
    scope = { kind: 'tenant', tenant: tenantId };
  } else if (region !== null) {
    if (!isValidId(region)) throw new HttpError(400, 'invalid_input', 'region must be an id.', 'region');
    scope = { kind: 'region', region };
  }
  return usageAnswer(request, await usage.report(scope, readPeriod(query, usage.today())));
}

/**
 * `GET /v1/club/usage?from=&to=&group=`: the signed-in club's own figures,
 * as {@link adminUsageRoute} answers them for one tenant. The scope is the
 * session's club and nothing else (`tenant` and `region` are not read).
 */
export async function clubUsageRoute(request: Request, context: ClubSessionContext): Promise<Response> {
  await context.clubs.page.active(context.club);
  const usage = usageOf(context);
  return usageAnswer(
    request,
    await usage.report({ kind: 'tenant', tenant: context.club }, readPeriod(context.url.searchParams, usage.today())),
  );
}

/** A report as JSON, or as CSV when the client asks for `text/csv`. */
function usageAnswer(request: Request, report: Awaited<ReturnType<UsageService['report']>>): Response {
  if (/\btext\/csv\b/i.test(request.headers.get('accept') ?? '')) {
    return new Response(usageCsv(report), {
      headers: {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="usage-${report.from}-${report.to}.csv"`,
        'cache-control': 'no-store',
        vary: 'Accept',
      },
    });
  }
  return json(report, { headers: { vary: 'Accept' } });
}

/**
 * BigBlueButton's end callback (`GET`, or `POST`, of the `meta_endCallbackUrl`
 * given on create): `204` when the MAC is valid, whether or not a
 * conference ended now (a replay changes nothing); `403 callback_invalid`
 * otherwise.
 */
export async function endCallbackRoute(request: Request, context: RouteContext): Promise<Response> {
  await request.body?.cancel();
  await usageOf(context).endCallback(context.url.searchParams);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}
