import { type DcOperand, operandLengthAttribute, operandSize } from './dc-constant';

/**
 * Literals (=F'1', =C'..', =A(..)): DC operands written where an address is expected. Each is placed
 * once per pool, at the next LTORG or at END; HLASM puts the doubleword-aligned ones first, then
 * fullwords, halfwords and the rest, so no alignment padding is needed between them.
 */
export interface Literal {
  readonly text: string;
  readonly operand: DcOperand;
  readonly lineNo: number;
  /** Location of the instruction that wrote it: the value of * inside the literal (HLASM). */
  readonly here: number;
  address: number;
  placed: boolean;
}

export class LiteralPool {
  private pending = new Map<string, Literal>();

  /** The literal of this text in the current pool, added if new; one using * is distinct per location. */
  add(text: string, operand: DcOperand, lineNo: number, here: number): Literal {
    const key = text.includes('*') ? `${text}@${here}` : text;
    let lit = this.pending.get(key);
    if (!lit) {
      lit = { text, operand, lineNo, here, address: 0, placed: false };
      this.pending.set(key, lit);
    }
    return lit;
  }

  get isEmpty(): boolean {
    return this.pending.size === 0;
  }

  /** Place the pending literals from `address` (already doubleword-aligned); returns them and closes the pool. */
  place(address: number): Literal[] {
    const order = (l: Literal) => {
      const len = operandLengthAttribute(l.operand) * l.operand.dup;
      return len % 8 === 0 ? 0 : len % 4 === 0 ? 1 : len % 2 === 0 ? 2 : 3;
    };
    const lits = [...this.pending.values()].sort((a, b) => order(a) - order(b));
    let at = address;
    for (const l of lits) {
      l.address = at;
      l.placed = true;
      at += operandSize(l.operand);
    }
    this.pending = new Map();
    return lits;
  }
}
