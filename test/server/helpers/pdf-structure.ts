import { inflateSync } from 'node:zlib';

/**
 * What a screen reader gets from a tagged PDF, read from the file's bytes as a reader reads them:
 * the cross-reference table leads to each object, the catalog to the structure tree, and the
 * marked-content sequences of each page's (inflated) content stream to the text of each element.
 * Enough for the documents the service writes (one cross-reference table, no object streams, the
 * PDF standard fonts); not a general reader.
 */
export interface TaggedPdf {
  /** The header's version, "1.7". */
  version: string;
  /** The catalog's /MarkInfo << /Marked true >>. */
  marked: boolean;
  /** The catalog's /Lang. */
  lang: string | undefined;
  /** The document information's /Title. */
  title: string | undefined;
  /** The viewer shows the title rather than the file's name (/ViewerPreferences << /DisplayDocTitle true >>). */
  displayTitle: boolean;
  /** The XMP metadata's dc:title, still XML-escaped. */
  metadataTitle: string | undefined;
  /** The structure tree's root elements, in reading order. */
  structure: StructureNode[];
  /** Text marked as an artifact (page furniture), for a screen reader to skip. */
  artifacts: string[];
  /** Text shown outside any marked content: what a tagged PDF must not have. */
  untagged: string[];
}

export interface StructureNode {
  type: string;
  alt?: string;
  /** A table header cell's /Scope. */
  scope?: string;
  /** The element's /BBox, where one is given. */
  bbox?: number[];
  /** The text of the element's own marked content, in order. */
  text: string;
  children: StructureNode[];
}

class Name {
  constructor(readonly value: string) {}
}
class Ref {
  constructor(readonly id: number) {}
}
type PdfValue = number | boolean | null | string | Name | Ref | PdfValue[] | PdfDict;
interface PdfDict {
  [key: string]: PdfValue;
}

const winAnsi = new TextDecoder('windows-1252');
const utf16 = new TextDecoder('utf-16be');
const delimiters = '()<>[]{}/%';
const isSpace = (c: string | undefined) => c !== undefined && ' \t\r\n\f\0'.includes(c);

/** A PDF string's bytes as text: UTF-16BE after a byte-order mark, else (nearly) Windows-1252. */
function decodeString(bytes: string): string {
  const buffer = Buffer.from(bytes, 'latin1');
  return buffer[0] === 0xfe && buffer[1] === 0xff ? utf16.decode(buffer.subarray(2)) : winAnsi.decode(buffer);
}

/** Reads one PDF object (a dictionary, an array, a name, a number, a string, a reference) from `text` at `at`. */
function parseObject(text: string, start: number): { value: PdfValue; end: number } {
  let at = start;
  const skip = () => {
    while (at < text.length) {
      if (isSpace(text[at])) at += 1;
      else if (text[at] === '%') while (at < text.length && text[at] !== '\n') at += 1;
      else break;
    }
  };
  const value = (): PdfValue => {
    skip();
    const c = text[at]!;
    if (text.startsWith('<<', at)) {
      at += 2;
      const dict: PdfDict = {};
      for (skip(); !text.startsWith('>>', at); skip()) {
        const key = value();
        if (!(key instanceof Name)) throw new Error(`a dictionary key at ${at}`);
        dict[key.value] = value();
      }
      at += 2;
      return dict;
    }
    if (c === '[') {
      at += 1;
      const array: PdfValue[] = [];
      for (skip(); text[at] !== ']'; skip()) array.push(value());
      at += 1;
      return array;
    }
    if (c === '/') {
      const from = (at += 1);
      while (at < text.length && !isSpace(text[at]) && !delimiters.includes(text[at]!)) at += 1;
      return new Name(text.slice(from, at));
    }
    if (c === '(') {
      let depth = 1;
      let bytes = '';
      const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
      for (at += 1; depth > 0; at += 1) {
        const d = text[at]!;
        if (d === '\\') {
          const next = text[(at += 1)]!;
          if (/[0-7]/.test(next)) {
            const octal = /^[0-7]{1,3}/.exec(text.slice(at))![0];
            bytes += String.fromCharCode(parseInt(octal, 8));
            at += octal.length - 1;
          } else if (next !== '\n') bytes += escapes[next] ?? next;
        } else {
          if (d === '(') depth += 1;
          if (d === ')') depth -= 1;
          if (depth > 0) bytes += d;
        }
      }
      return decodeString(bytes);
    }
    if (c === '<') {
      const end = text.indexOf('>', at);
      const hex = text.slice(at + 1, end).replace(/\s/g, '');
      at = end + 1;
      return decodeString(Buffer.from(hex, 'hex').toString('latin1'));
    }
    const word = /^[^\s()<>[\]{}/%]+/.exec(text.slice(at, at + 32))![0];
    at += word.length;
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    const reference = /^\s+(\d+)\s+R(?![^\s()<>[\]{}/%])/.exec(text.slice(at, at + 24));
    if (/^\d+$/.test(word) && reference) {
      // "12 0 R": the object number, its generation and R.
      at += reference[0].length;
      return new Ref(Number(word));
    }
    return Number(word);
  };
  const result = value();
  return { value: result, end: at };
}

/** Reads a tagged PDF's structure, language, title and marked content from its bytes. */
export function readTaggedPdf(pdf: Buffer): TaggedPdf {
  const text = pdf.toString('latin1');
  const startXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const xref = /^xref\s+(\d+)\s+(\d+)\s+/.exec(text.slice(startXref))!;
  const offsets = new Map<number, number>();
  const entries = startXref + xref[0].length;
  for (let index = 0; index < Number(xref[2]); index += 1) {
    const entry = text.slice(entries + index * 20, entries + index * 20 + 18);
    if (entry.endsWith('n')) offsets.set(Number(xref[1]) + index, Number(entry.slice(0, 10)));
  }
  const trailer = parseObject(text, text.indexOf('<<', text.indexOf('trailer', entries))).value as PdfDict;

  const objects = new Map<number, { value: PdfValue; stream?: Buffer }>();
  const object = (ref: PdfValue | undefined): { value: PdfValue; stream?: Buffer } => {
    if (!(ref instanceof Ref)) return { value: ref ?? null };
    let found = objects.get(ref.id);
    if (!found) {
      const offset = offsets.get(ref.id)!;
      const header = /^\d+\s+\d+\s+obj/.exec(text.slice(offset))!;
      const { value, end } = parseObject(text, offset + header[0].length);
      found = { value };
      const after = /^\s*stream\r?\n/.exec(text.slice(end, end + 16));
      if (after) {
        const dict = value as PdfDict;
        const data = pdf.subarray(end + after[0].length, end + after[0].length + Number(resolve(dict.Length)));
        found.stream = dict.Filter instanceof Name && dict.Filter.value === 'FlateDecode' ? inflateSync(data) : data;
      }
      objects.set(ref.id, found);
    }
    return found;
  };
  const resolve = (value: PdfValue | undefined): PdfValue => object(value).value;
  const dict = (value: PdfValue | undefined): PdfDict => (resolve(value) ?? {}) as PdfDict;
  const name = (value: PdfValue | undefined) => {
    const resolved = resolve(value);
    return resolved instanceof Name ? resolved.value : undefined;
  };
  const string = (value: PdfValue | undefined) => {
    const resolved = resolve(value);
    return typeof resolved === 'string' ? resolved : undefined;
  };

  const catalog = dict(trailer.Root);
  const pages: Array<{ ref: number; page: PdfDict }> = [];
  const walkPages = (ref: PdfValue) => {
    const node = dict(ref);
    if (name(node.Type) === 'Page') pages.push({ ref: (ref as Ref).id, page: node });
    else for (const kid of (resolve(node.Kids) as PdfValue[]) ?? []) walkPages(kid);
  };
  walkPages(catalog.Pages!);

  // Each page's text by marked-content identifier, and what is an artifact or not marked at all.
  const marked = new Map<string, string[]>();
  const artifacts: string[] = [];
  const untagged: string[] = [];
  for (const { ref, page } of pages) {
    const contents = resolve(page.Contents);
    const streams = Array.isArray(contents) ? contents : [page.Contents!];
    const content = Buffer.concat(streams.map((stream) => object(stream).stream ?? Buffer.alloc(0))).toString('latin1');
    const open: Array<{ tag: string; mcid?: number }> = [];
    const operators = /\/(\w+)\s*(<<[^>]*>>)?\s*BDC|\/(\w+)\s+BMC|\bEMC\b|\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    for (const match of content.matchAll(operators)) {
      if (match[1] !== undefined) {
        const properties = match[2] ? (parseObject(match[2], 0).value as PdfDict) : {};
        open.push({ tag: match[1], ...(typeof properties.MCID === 'number' ? { mcid: properties.MCID } : {}) });
      } else if (match[3] !== undefined) open.push({ tag: match[3] });
      else if (match[0] === 'EMC') open.pop();
      else {
        const hexes = match[4] !== undefined ? [...match[4].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [match[5]!];
        const shown = hexes.map((hex) => winAnsi.decode(Buffer.from(hex, 'hex'))).join('');
        const within = open.find((marking) => marking.tag === 'Artifact' || marking.mcid !== undefined);
        if (!within) untagged.push(shown);
        else if (within.tag === 'Artifact') artifacts.push(shown);
        else {
          const key = `${ref}:${within.mcid}`;
          marked.set(key, [...(marked.get(key) ?? []), shown]);
        }
      }
    }
  }

  const node = (ref: PdfValue): StructureNode => {
    const element = dict(ref);
    const attributes = dict(element.A);
    const page = element.Pg instanceof Ref ? element.Pg.id : undefined;
    const kids = resolve(element.K);
    const shown: string[] = [];
    const children: StructureNode[] = [];
    for (const kid of Array.isArray(kids) ? kids : kids === null ? [] : [kids]) {
      if (typeof kid === 'number') shown.push(...(marked.get(`${page}:${kid}`) ?? []));
      else if (kid instanceof Ref) children.push(node(kid));
      else {
        const reference = kid as PdfDict;
        shown.push(...(marked.get(`${(reference.Pg as Ref).id}:${reference.MCID as number}`) ?? []));
      }
    }
    const alt = string(element.Alt);
    const scope = name(attributes.Scope);
    const bbox = resolve(attributes.BBox);
    return {
      type: name(element.S)!,
      ...(alt !== undefined ? { alt } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(Array.isArray(bbox) ? { bbox: bbox as number[] } : {}),
      text: shown.join(' '),
      children,
    };
  };
  const root = dict(catalog.StructTreeRoot);
  const rootKids = resolve(root.K);
  const metadata = object(catalog.Metadata).stream?.toString('utf8');
  return {
    version: /^%PDF-([\d.]+)/.exec(text)![1]!,
    marked: dict(catalog.MarkInfo).Marked === true,
    lang: string(catalog.Lang),
    title: string(dict(trailer.Info).Title),
    displayTitle: dict(catalog.ViewerPreferences).DisplayDocTitle === true,
    metadataTitle: metadata && /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(metadata)?.[1],
    structure: (Array.isArray(rootKids) ? rootKids : rootKids ? [rootKids] : []).map(node),
    artifacts,
    untagged,
  };
}

/** Every element of the tree, depth first: the order a screen reader reads them in. */
export function structureElements(nodes: StructureNode[]): StructureNode[] {
  return nodes.flatMap((node) => [node, ...structureElements(node.children)]);
}
