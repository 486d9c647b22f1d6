/**
 * A small element tree over fast-xml-parser (workers have no DOMParser), with the line and column
 * each element starts at, so semantic errors in domain XML can name their line.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lineColumnAt } from '../def-diagnostic';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content, trimmed. */
  text: string;
  line: number;
  column: number;
  endLine: number;
}

export type XmlParse = { root: XmlElement } | { error: { line: number; column: number; message: string } };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  captureMetaData: true,
  commentPropName: '#comment',
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

type RawNode = Record<string, unknown>;

export function parseXmlTree(text: string): XmlParse {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    return { error: { line: valid.err.line, column: valid.err.col, message: valid.err.msg } };
  }
  const raw = parser.parse(text) as RawNode[];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const convert = (node: RawNode): XmlElement | undefined => {
    const name = Object.keys(node).find(
      (k) => k !== ':@' && k !== '#text' && k !== '#comment' && !k.startsWith('?'),
    );
    if (!name) return undefined;
    const meta = (node as Record<string, { startIndex?: number; endIndex?: number }>)[META];
    const start = position(meta?.startIndex ?? 0);
    const end = meta?.endIndex === undefined ? start : position(Math.max(0, meta.endIndex - 1));
    const attrs = (node[':@'] as Record<string, string> | undefined) ?? {};
    const element: XmlElement = {
      name,
      attrs: { ...attrs },
      children: [],
      text: '',
      line: start.line,
      column: start.column,
      endLine: end.line,
    };
    const texts: string[] = [];
    for (const child of (node[name] as RawNode[]) ?? []) {
      if ('#text' in child) texts.push(String(child['#text']));
      else {
        const c = convert(child);
        if (c) element.children.push(c);
      }
    }
    element.text = texts.join('').trim();
    return element;
  };
  const roots = raw.map(convert).filter((e): e is XmlElement => e !== undefined);
  if (roots.length === 0)
    return { error: { ...lineColumnAt(text, text.length), message: 'Document is empty' } };
  return { root: roots[0] };
}

export function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name);
}

export function children(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c) => c.name === name);
}

/** Escapes text for an attribute in single quotes or for element content. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}
