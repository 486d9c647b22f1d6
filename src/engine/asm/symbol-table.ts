import type { SymbolInfo } from './expression';

/** Assembler symbols: case-insensitive names with a value, a section (0 = absolute) and a length attribute. */
export interface AsmSymbol extends SymbolInfo {
  readonly name: string;
  readonly lineNo: number;
}

export class SymbolTable {
  private readonly byName = new Map<string, AsmSymbol>();

  get(name: string): AsmSymbol | undefined {
    return this.byName.get(name.toUpperCase());
  }

  define(symbol: AsmSymbol): void {
    this.byName.set(symbol.name.toUpperCase(), symbol);
  }

  /** All symbols, sorted by name. */
  all(): AsmSymbol[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
