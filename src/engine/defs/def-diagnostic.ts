/**
 * Problems found in a guest definition. `message` is written as the real tool words it:
 * DIRECTXA's `HCPDIRnnnE` lines for a directory, `qemu-system-s390x: -opt value: …` for a command
 * line, virsh's `error: …` for domain XML (reference/domain-hypervisors.md §3.4, §5.4).
 */
export interface DefDiagnostic {
  severity: 'error' | 'warning';
  /** 1-based line and column of the offending text. */
  line: number;
  column: number;
  /** Message id (`HCPDIR752E`, `qemu`, `virsh`). */
  code: string;
  message: string;
  /** Other lines involved (an overlapping minidisk, the first definition of a duplicate). */
  related?: { line: number; column: number; note: string }[];
}

export function hasErrors(diagnostics: readonly DefDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `FILE:LINE:COL: message`, then the related lines, as the CLI prints them. */
export function formatDiagnostic(d: DefDiagnostic, file: string): string {
  const lines = d.message.split('\n');
  const out = [`${file}:${d.line}:${d.column}: ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`)];
  for (const r of d.related ?? []) out.push(`${file}:${r.line}:${r.column}: ${r.note}`);
  return out.join('\n');
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
