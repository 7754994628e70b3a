// The .gshard grammar as a Chevrotain CstParser: syntax only, no actions (to-ast.ts builds the AST).
// Rules are class fields so a wrong SUBRULE fails to compile. One instance is reused (`parser.input = ...`).

import { CstParser, type CstNode, type IOrAlt, type IToken } from 'chevrotain';
import { syntaxErrorMessages } from './syntax-errors.js';
import * as T from './tokens.js';

export class GShardParser extends CstParser {
  /**
   * Each OR's alternatives, built on first use: a fresh array of closures per call would be
   * garbage on every token (Chevrotain's own performance advice).
   */
  private readonly alts: IOrAlt<unknown>[][] = [];

  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      errorMessageProvider: syntaxErrorMessages,
      maxLookahead: 3,
    });
    this.performSelfAnalysis();
  }

  program = this.RULE('program', () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  item = this.RULE('item', () => {
    this.OR((this.alts[0] ??= [
      { ALT: () => this.SUBRULE(this.meshDecl) },
      { ALT: () => this.SUBRULE(this.dimDecl) },
      { ALT: () => this.SUBRULE(this.funcDecl) },
    ]));
  });

  // ---- meshes and dims ----

  meshDecl = this.RULE('meshDecl', () => {
    this.CONSUME(T.Mesh);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.OPTION(() => this.CONSUME(T.TpuV3));
    this.CONSUME(T.LBracket, { LABEL: 'axesOpen' });
    this.SUBRULE(this.axisDecl);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.axisDecl);
    });
    this.CONSUME(T.RBracket, { LABEL: 'axesClose' });
    this.OPTION2(() => {
      this.CONSUME(T.Chips);
      this.CONSUME2(T.LBracket);
      this.SUBRULE(this.intExpr, { LABEL: 'chip' });
      this.CONSUME2(T.Comma);
      this.SUBRULE2(this.intExpr, { LABEL: 'chip' });
      this.CONSUME2(T.RBracket, { LABEL: 'chipsClose' });
    });
    this.OPTION3(() => {
      this.CONSUME(T.Devices);
      this.CONSUME3(T.LBracket);
      this.CONSUME(T.NumberLiteral, { LABEL: 'device' });
      this.MANY2(() => {
        this.CONSUME3(T.Comma);
        this.CONSUME2(T.NumberLiteral, { LABEL: 'device' });
      });
      this.CONSUME3(T.RBracket, { LABEL: 'devicesClose' });
    });
  });

  axisDecl = this.RULE('axisDecl', () => {
    this.CONSUME(T.AxisName, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.intExpr);
  });

  dimDecl = this.RULE('dimDecl', () => {
    this.CONSUME(T.Dim);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.intExpr);
  });

  // ---- integer expressions over dims ----
  // Flat `atom (op atom)*`: to-ast.ts applies precedence. Fewer rule levels per atom means fewer
  // CST nodes, which is most of the parser's time and garbage.

  intExpr = this.RULE('intExpr', () => {
    this.SUBRULE(this.intAtom, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(T.ArithOp, { LABEL: 'op' });
      this.SUBRULE2(this.intAtom, { LABEL: 'operand' });
    });
  });

  intAtom = this.RULE('intAtom', () => {
    this.OR((this.alts[1] ??= [
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.intExpr);
          this.CONSUME(T.RParen);
        },
      },
    ]));
  });

  // ---- layers and models ----

  funcDecl = this.RULE('funcDecl', () => {
    this.OR((this.alts[2] ??= [{ ALT: () => this.CONSUME(T.Layer) }, { ALT: () => this.CONSUME(T.Model) }]));
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.inputDecl);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.inputDecl);
      });
    });
    this.CONSUME(T.RParen);
    this.OPTION2(() => {
      this.CONSUME(T.Arrow);
      this.SUBRULE(this.results);
    });
    this.OPTION3(() => {
      this.CONSUME(T.On);
      this.CONSUME2(T.Identifier, { LABEL: 'mesh' });
    });
    this.CONSUME(T.LBrace);
    this.MANY2(() => this.SUBRULE(this.stmt));
    this.CONSUME(T.RBrace);
  });

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => this.SUBRULE(this.annotation));
  });

  results = this.RULE('results', () => {
    this.OR((this.alts[3] ??= [
      { ALT: () => this.SUBRULE(this.typeRef) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE2(this.typeRef);
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE3(this.typeRef);
          });
          this.CONSUME(T.RParen);
        },
      },
    ]));
  });

  typeRef = this.RULE('typeRef', () => {
    this.CONSUME(T.Identifier, { LABEL: 'dtype' });
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.CONSUME2(T.Identifier, { LABEL: 'dim' });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.CONSUME3(T.Identifier, { LABEL: 'dim' });
      });
    });
    this.CONSUME(T.RBracket);
  });

  // ---- statements ----

  stmt = this.RULE('stmt', () => {
    this.OR((this.alts[4] ??= [
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.returnStmt) },
      { ALT: () => this.SUBRULE(this.binding) },
    ]));
  });

  paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => this.SUBRULE(this.annotation));
  });

  returnStmt = this.RULE('returnStmt', () => {
    this.CONSUME(T.Return);
    this.SUBRULE(this.expr);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.expr);
    });
  });

  binding = this.RULE('binding', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Identifier, { LABEL: 'name' });
    });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.SUBRULE(this.annotation));
  });

  // ---- expressions (flat, like intExpr) ----

  expr = this.RULE('expr', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.CONSUME(T.ArithOp, { LABEL: 'op' });
      this.SUBRULE2(this.operand);
    });
  });

  /**
   * A primary with its prefix '-' signs (a loop, not recursion). The primary alternatives are
   * inline rather than a rule of their own: one CST node less per atom is a large share of the
   * parser's time.
   */
  operand = this.RULE('operand', () => {
    this.MANY(() => this.CONSUME(T.Minus, { LABEL: 'minus' }));
    this.OR((this.alts[5] ??= [
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expr);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.listLit) },
      { ALT: () => this.SUBRULE(this.repeatCall) },
      {
        // A name, or a call when followed by arguments.
        ALT: () => {
          this.CONSUME(T.Identifier, { LABEL: 'name' });
          this.OPTION(() => this.SUBRULE(this.callArgs));
        },
      },
    ]));
  });

  listLit = this.RULE('listLit', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expr);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expr);
      });
    });
    this.CONSUME(T.RBracket);
  });

  repeatCall = this.RULE('repeatCall', () => {
    this.CONSUME(T.Repeat);
    this.SUBRULE(this.intAtom);
    this.CONSUME(T.Identifier, { LABEL: 'callee' });
    this.SUBRULE(this.callArgs);
  });

  callArgs = this.RULE('callArgs', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.callArg);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.callArg);
      });
    });
    this.CONSUME(T.RParen);
  });

  callArg = this.RULE('callArg', () => {
    this.OPTION(() => {
      this.CONSUME(T.Identifier, { LABEL: 'name' });
      this.CONSUME(T.Equals);
    });
    this.SUBRULE(this.expr);
  });

  // ---- sharding annotations ----

  annotation = this.RULE('annotation', () => {
    this.CONSUME(T.At);
    this.OR((this.alts[6] ??= [
      { ALT: () => this.CONSUME(T.Replicate) },
      { ALT: () => this.SUBRULE(this.splitAnn) },
      { ALT: () => this.SUBRULE(this.shardAnn) },
      { ALT: () => this.SUBRULE(this.axisAnn) },
    ]));
  });

  splitAnn = this.RULE('splitAnn', () => {
    this.CONSUME(T.Split);
    this.CONSUME(T.LParen);
    this.OR((this.alts[7] ??= [
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'dim' }) },
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'dim' }) },
    ]));
    this.CONSUME(T.Comma);
    this.SUBRULE(this.intExpr);
    this.CONSUME(T.RParen);
  });

  shardAnn = this.RULE('shardAnn', () => {
    this.CONSUME(T.Shard);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.nestedInts);
    this.CONSUME(T.RParen);
  });

  nestedInts = this.RULE('nestedInts', () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.nestedElement);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.nestedElement);
    });
    this.CONSUME(T.RBracket);
  });

  nestedElement = this.RULE('nestedElement', () => {
    this.OR((this.alts[8] ??= [{ ALT: () => this.SUBRULE(this.nestedInts) }, { ALT: () => this.CONSUME(T.NumberLiteral) }]));
  });

  axisAnn = this.RULE('axisAnn', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.dimSpec);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.dimSpec);
      });
    });
    this.CONSUME(T.RBracket);
    this.OPTION2(() => {
      this.CONSUME(T.Replicated);
      this.SUBRULE(this.axisList, { LABEL: 'replicated' });
    });
    this.OPTION3(() => {
      this.CONSUME(T.Unreduced);
      this.SUBRULE2(this.axisList, { LABEL: 'unreduced' });
    });
  });

  axisList = this.RULE('axisList', () => {
    this.CONSUME(T.LParen);
    this.CONSUME(T.AxisName, { LABEL: 'axis' });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.AxisName, { LABEL: 'axis' });
    });
    this.CONSUME(T.RParen);
  });

  /** `_`, `?`, `x`, `(x, y)`, then an optional `?` (open) and an optional priority `pN`. */
  dimSpec = this.RULE('dimSpec', () => {
    this.OR((this.alts[9] ??= [
      { ALT: () => this.CONSUME(T.Question, { LABEL: 'openOnly' }) },
      { ALT: () => this.CONSUME(T.AxisName, { LABEL: 'axis' }) },
      { ALT: () => this.SUBRULE(this.axisList) },
      // Numbers and strings are common slips (`@ [0, 1]`); parsed so to-ast can say what a dim spec is.
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'invalid' }) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'invalid' }) },
    ]));
    this.OPTION(() => this.CONSUME2(T.Question, { LABEL: 'open' }));
    this.OPTION2(() => this.CONSUME2(T.Identifier, { LABEL: 'priority' }));
  });

  /** Parses a token stream; errors are left in `this.errors`. */
  parseProgram(tokens: IToken[]): CstNode {
    this.input = tokens;
    return this.program();
  }
}

/** The shared parser instance (building one analyses the whole grammar, ~10 ms). */
export const parser = new GShardParser();
