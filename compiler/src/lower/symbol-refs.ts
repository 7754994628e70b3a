// The names the lowering records for the editor: what a definition is, and the uses kept as two parallel lists.

import type { Span } from '@gshard/grammar';
import { at } from '../util/checked.js';

export type SymbolKind = 'mesh' | 'axis' | 'dim' | 'layer' | 'model' | 'input' | 'param' | 'binding';

export interface SymbolDef {
  readonly kind: SymbolKind;
  readonly name: string;
  /** The defining identifier. */
  readonly span: Span;
  /** The whole declaration. */
  readonly declSpan: Span;
  /** For values: the enclosing layer or model, so same names in two layers stay apart. */
  readonly scope?: string;
}

export interface SymbolRef {
  readonly span: Span;
  readonly def: SymbolDef;
}

/**
 * Every use of a name: its span and the definition it resolves to. A `{ span, def }` object per use
 * would be ~20,000 objects that outlive garbage collections for a 10,000-line file, paid by every
 * check although only editor features read them; the pairs are made when iterated.
 */
export class SymbolRefList implements Iterable<SymbolRef> {
  private readonly spans: Span[] = [];
  private readonly defs: SymbolDef[] = [];

  push(span: Span, def: SymbolDef): void {
    this.spans.push(span);
    this.defs.push(def);
  }

  get length(): number {
    return this.spans.length;
  }

  *[Symbol.iterator](): Iterator<SymbolRef> {
    for (let i = 0; i < this.spans.length; i++) {
      yield { span: at(this.spans, i, 'spans'), def: at(this.defs, i, 'defs') };
    }
  }
}
