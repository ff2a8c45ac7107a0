// Reading the docs for docs.test.mjs: the fenced code blocks of a Markdown
// file, the commands of a shell line, the tags of an HTML snippet. Small and
// strict on purpose: what they cannot read is reported, never passed over.

/**
 * The fenced code blocks of `markdown`, in order: `lang`, `text` (with the
 * indentation of an indented fence removed), `line` (the 1-based line of the
 * block's first line of text) and `marker` (the `KIND` of a
 * `<!-- docs-test: KIND -->` on the line right before the fence, or undefined).
 */
export function codeBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, lang] = open;
    const end = lines.findIndex((line, j) => j > i && line.trimEnd() === `${indent}\`\`\``);
    if (end < 0) throw new Error(`line ${i + 1}: a code fence that is never closed`);
    const text = lines
      .slice(i + 1, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join('\n');
    const marker = /^\s*<!-- docs-test: (.+?) -->\s*$/.exec(lines[i - 1] ?? '')?.[1];
    blocks.push({ lang, text, line: i + 2, marker });
    i = end;
  }
  return blocks;
}

/** The 1-based line and column of character `index` in `text`. */
export function position(text, index) {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1).length + 1 };
}

/**
 * The logical lines of a shell block: lines joined where one ends in `\`,
 * each with the doc line it starts on (`offset` is the block's first line).
 */
export function shellLines(text, offset) {
  const result = [];
  let pending;
  text.split('\n').forEach((raw, i) => {
    const continued = raw.endsWith('\\');
    const part = continued ? raw.slice(0, -1) : raw;
    pending = pending ? { ...pending, text: `${pending.text} ${part.trim()}` } : { text: part, line: offset + i };
    if (!continued) {
      if (pending.text.trim() !== '') result.push(pending);
      pending = undefined;
    }
  });
  if (pending) result.push(pending);
  return result;
}

/**
 * One line of shell, split as a POSIX shell would into simple commands: each
 * a list of words with quotes removed. `$(…)` stays in its word as it is, and
 * its text is listed in `substitutions`. A `#` that starts a word starts a
 * comment. Understands what the docs use: quotes, `\`, `$(…)`, `;`, `&&`,
 * `||`, `|` and `&`. Throws on an unclosed quote or substitution.
 */
export function splitShell(line) {
  const commands = [[]];
  const substitutions = [];
  let word;
  let i = 0;
  const endWord = () => {
    if (word !== undefined) commands.at(-1).push(word);
    word = undefined;
  };
  /** The text of `$(…)` starting at `i` (at the `$`); moves `i` past it. */
  const substitution = () => {
    const start = i;
    let depth = 0;
    for (; i < line.length; i++) {
      const c = line[i];
      if (c === "'") {
        const close = line.indexOf("'", i + 1);
        if (close < 0) break;
        i = close;
      } else if (c === '(') {
        depth++;
      } else if (c === ')' && --depth === 0) {
        i++;
        substitutions.push(line.slice(start + 2, i - 1));
        return line.slice(start, i);
      }
    }
    throw new Error(`an unclosed $( in: ${line}`);
  };
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      endWord();
      i++;
    } else if (c === '#' && word === undefined) {
      break;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Error(`an unclosed ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      word ??= '';
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`an unclosed " in: ${line}`);
        if (line[i] === '"') break;
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else if (line.startsWith('$(', i)) {
          word += substitution();
        } else {
          word += line[i++];
        }
      }
      i++;
    } else if (c === '\\') {
      word = (word ?? '') + (line[i + 1] ?? '');
      i += 2;
    } else if (line.startsWith('$(', i)) {
      word = (word ?? '') + substitution();
    } else if (';|&'.includes(c)) {
      endWord();
      if (commands.at(-1).length > 0) commands.push([]);
      i += line[i + 1] === c ? 2 : 1;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  endWord();
  return { commands: commands.filter((words) => words.length > 0), substitutions };
}

/** Options of the wrappers the docs put in front of a command, which take a value. */
const WRAPPER_VALUE_OPTIONS = { sudo: ['-u', '-g'], runuser: ['-u', '-g'] };

/**
 * What a line of a shell block runs: `vereinsraum` commands (`{ vereinsraum:
 * args, env }`, found behind `npx`, `sudo`, `runuser`, `exec`, `sh -c` and
 * `NAME=value`) and the other programs (`{ program }`), those inside `$(…)` too.
 */
export function commandsOf(line) {
  const { commands, substitutions } = splitShell(line);
  const found = [];
  for (const words of commands) {
    const env = {};
    let rest = words;
    for (;;) {
      const assignment = /^([A-Za-z_]\w*)=(.*)$/s.exec(rest[0] ?? '');
      if (assignment) {
        env[assignment[1]] = assignment[2];
        rest = rest.slice(1);
        continue;
      }
      const [first] = rest;
      if (first === 'sudo' || first === 'runuser' || first === 'exec' || first === 'npx') {
        let i = 1;
        while (rest[i]?.startsWith('-')) {
          if (rest[i] === '--') {
            i++;
            break;
          }
          i += WRAPPER_VALUE_OPTIONS[first]?.includes(rest[i]) ? 2 : 1;
        }
        rest = rest.slice(i);
        continue;
      }
      break;
    }
    if ((rest[0] === 'sh' || rest[0] === 'bash') && rest[1] === '-c' && rest.length === 3) {
      for (const inner of commandsOf(rest[2])) found.push(inner.vereinsraum ? { ...inner, env: { ...env, ...inner.env } } : inner);
    } else if (rest[0] === 'vereinsraum') {
      found.push({ vereinsraum: rest.slice(1), env });
    } else if (rest.length > 0) {
      found.push({ program: rest[0], args: rest.slice(1) });
    }
  }
  for (const text of substitutions) for (const inner of commandsOf(text)) found.push(inner.vereinsraum ? { program: 'vereinsraum', args: inner.vereinsraum } : inner);
  return found;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose content is text, not tags. */
const RAW_TEXT = new Set(['script', 'style']);

/**
 * The elements of an HTML snippet: `{ name, attributes: [[name, value]],
 * text (of script and style), index }`, checking on the way that every tag is
 * well formed (quoted or plain attribute values, no repeated attribute) and
 * closed in order. Throws an Error naming the problem and its index.
 */
export function parseHtml(html) {
  const elements = [];
  const open = [];
  let i = 0;
  const fail = (message, at = i) => {
    throw Object.assign(new Error(message), { index: at });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i);
      if (end < 0) fail('a comment that is never closed');
      i = end + 3;
      continue;
    }
    const close = /^<\/([a-z][a-z0-9-]*)\s*>/.exec(html.slice(i));
    if (close) {
      const expected = open.pop();
      if (expected?.name !== close[1]) fail(expected ? `</${close[1]}> closes <${expected.name}>` : `</${close[1]}> closes nothing`);
      i += close[0].length;
      continue;
    }
    const tag = /^<([a-z][a-z0-9-]*)/.exec(html.slice(i));
    if (!tag) fail(`a "<" that starts no tag`);
    const element = { name: tag[1], attributes: [], index: i };
    i += tag[0].length;
    for (;;) {
      const space = /^\s*/.exec(html.slice(i))[0].length;
      i += space;
      if (html.startsWith('>', i) || html.startsWith('/>', i)) break;
      if (space === 0) fail(`<${element.name}>: attributes must be separated by white space`);
      const attribute = /^([^\s"'<>/=]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/.exec(html.slice(i));
      if (!attribute) fail(`<${element.name}>: an attribute that cannot be read`);
      if (html[i + attribute[0].length] === '=') fail(`<${element.name}>: the value of ${attribute[1]} cannot be read (a quote not closed?)`);
      const name = attribute[1].toLowerCase();
      if (element.attributes.some(([n]) => n === name)) fail(`<${element.name}>: the attribute ${name} is given twice`);
      element.attributes.push([name, attribute[2] ?? attribute[3] ?? attribute[4] ?? '']);
      i += attribute[0].length;
    }
    const selfClosing = html.startsWith('/>', i);
    i += selfClosing ? 2 : 1;
    elements.push(element);
    if (RAW_TEXT.has(element.name)) {
      const end = html.indexOf(`</${element.name}>`, i);
      if (end < 0) fail(`<${element.name}> is never closed`, element.index);
      element.text = html.slice(i, end);
      i = end + element.name.length + 3;
    } else if (!VOID_ELEMENTS.has(element.name)) {
      if (selfClosing) fail(`<${element.name} />: only void elements may close themselves; write <${element.name}></${element.name}>`, element.index);
      open.push(element);
    }
  }
  if (open.length > 0) fail(`<${open.at(-1).name}> is never closed`, open.at(-1).index);
  return elements;
}
