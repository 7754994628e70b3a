// The .gshard grammar as a Chevrotain EmbeddedActionsParser that builds the AST directly (no CST).
// Rules are class fields so a wrong SUBRULE fails to compile. One instance is reused per parse.
//
// Error recovery is written once (`recovering`, `rule`): when a rule throws, the partial node built
// from the pieces it has (plus the stashed partial of the subrule that threw) is stashed, then the
// error rethrown. The rule that re-syncs returns the stash (`recoveryValueFunc`); a rule that
// rethrows leaves it to its caller. So a broken file keeps every node the recovery left complete
// enough, as a CST would. Each rule says only what its partial node is.
// Actions never run on recording-phase placeholders: builders are only called outside RECORDING_PHASE.
// Rules look alike (RULE, mark, recovering(body, build, absorb), this.recover) because each spells its own
// grammar in Chevrotain's DSL inside its RULE call; what they really share, the recovery, is `recovering`.

import { EmbeddedActionsParser, type IOrAlt, type IToken } from 'chevrotain';
import type * as A from './ast.js';
import { DimSpecForm, NodeBuilder } from './build.js';
import { LineIndex } from './positions.js';
import { syntaxErrorMessages } from './syntax-errors.js';
import * as T from './tokens.js';

/** What the nested-ints alternatives and the dim-spec alternatives give back. */
type NestedElement = A.NestedInts | A.NumberLit | undefined;
type DimSpecWhat = IToken | IToken[] | undefined;

export class GShardParser extends EmbeddedActionsParser {
  /** The current parse's node builder (a throwaway one while the grammar is recorded). */
  private b = new NodeBuilder(new LineIndex(''));
  /** The partial node of the rule that threw last, for the rule that re-syncs or its caller's catch. */
  private stashed: unknown = undefined;
  private hasStash = false;
  /** Set by alternatives for their rule's catch or result (no rule in between touches them). */
  private parenInner: A.IntExpr | undefined = undefined;
  private specForm: DimSpecForm = DimSpecForm.None;
  /** The enclosing annotation's mark: its sub-rules' nodes span from the '@'. */
  private annotationMark = 0;

  private readonly recover = { recoveryValueFunc: (): never => this.take() as never };

  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      errorMessageProvider: syntaxErrorMessages,
      maxLookahead: 3,
    });
    this.performSelfAnalysis();
  }

  /** Parses a token stream into the program's items; errors are left in `this.errors`. */
  parseProgram(tokens: IToken[], builder: NodeBuilder): (A.Item | undefined)[] {
    this.b = builder;
    this.stashed = undefined;
    this.hasStash = false;
    this.input = tokens;
    return this.program();
  }

  private stash(partial: unknown): void {
    this.stashed = partial;
    this.hasStash = true;
  }

  /** The stashed partial of a subrule that threw (undefined if the error was this rule's own). */
  private take<N>(): N | undefined {
    const partial = this.stashed as N | undefined;
    this.stashed = undefined;
    this.hasStash = false;
    return partial;
  }

  /**
   * Error recovery, written once. Runs a rule's `body`; when it throws, lets `absorb` take the
   * stashed partial of the subrule that threw (if any), stashes `build()` (the node from the pieces
   * read so far) for the rule that re-syncs (`recoveryValueFunc`) or its caller, and rethrows.
   * Otherwise returns `build()`. So a broken file keeps every node recovery left complete enough.
   */
  private recovering<R>(body: () => void, build: () => R, absorb?: () => void): R {
    try {
      body();
    } catch (e) {
      if (this.hasStash && absorb) absorb();
      this.stash(build());
      throw e;
    }
    return build();
  }

  /**
   * A rule whose partial result on an error reads no state of its own (dropped, passed up from the
   * subrule, or an instance field): the body is guarded here, once, with no closure per call.
   */
  private rule<R>(name: string, body: () => R, partial: () => unknown) {
    return this.RULE(
      name,
      (): R => {
        try {
          return body();
        } catch (e) {
          this.stash(partial());
          throw e;
        }
      },
      this.recover,
    );
  }
  private readonly dropPartial = (): undefined => undefined;
  private readonly dropCall = (): null => null;
  private readonly passPartial = (): unknown => this.take();

  /** Records a consumed token; undefined for one the recovery inserted. */
  private t(token: IToken): IToken | undefined {
    return this.b.tok(token);
  }

  // Alternatives and optional parts that need no per-call state, built once: fresh closures per
  // call would be garbage on every token (Chevrotain's own performance advice).

  private readonly itemAlts: IOrAlt<A.Item | undefined>[] = [
    { ALT: () => this.SUBRULE(this.meshDecl) },
    { ALT: () => this.SUBRULE(this.dimDecl) },
    { ALT: () => this.SUBRULE(this.funcDecl) },
  ];
  private readonly intAtomAlts: IOrAlt<A.IntExpr | undefined>[] = [
    { ALT: () => this.b.number(this.t(this.CONSUME(T.NumberLiteral))) },
    { ALT: () => this.b.dimRef(this.t(this.CONSUME(T.Identifier))) },
    {
      ALT: () => {
        this.t(this.CONSUME(T.LParen));
        const inner = this.SUBRULE(this.intExpr);
        this.parenInner = inner;
        this.t(this.CONSUME(T.RParen));
        return inner;
      },
    },
  ];
  private readonly funcKeywordAlts: IOrAlt<IToken | undefined>[] = [
    { ALT: () => this.t(this.CONSUME(T.Layer)) },
    { ALT: () => this.t(this.CONSUME(T.Model)) },
  ];
  private readonly stmtAlts: IOrAlt<A.Stmt | undefined>[] = [
    { ALT: () => this.SUBRULE(this.paramDecl) },
    { ALT: () => this.SUBRULE(this.returnStmt) },
    { ALT: () => this.SUBRULE(this.binding) },
  ];
  private readonly primaryAlts: IOrAlt<A.Expr | undefined>[] = [
    { ALT: () => this.b.number(this.t(this.CONSUME(T.NumberLiteral))) },
    { ALT: () => this.b.string(this.t(this.CONSUME(T.StringLiteral))) },
    {
      ALT: () => {
        const open = this.t(this.CONSUME(T.LParen));
        const inner = this.SUBRULE(this.expr);
        const close = this.t(this.CONSUME(T.RParen));
        return this.RECORDING_PHASE ? undefined : this.b.paren(open, inner, close);
      },
    },
    { ALT: () => this.SUBRULE(this.listLit) },
    { ALT: () => this.SUBRULE(this.repeatCall) },
    // Before the name alternative: `remat` is a contextual word, a name unless a call or repeat follows.
    { ALT: () => this.SUBRULE(this.rematCall) },
    {
      // A name, or a call when followed by arguments.
      ALT: () => {
        const name = this.t(this.CONSUME(T.Identifier));
        const args = this.OPTION(this.optCallArgs);
        return this.RECORDING_PHASE ? undefined : this.b.nameOrCall(name, args);
      },
    },
  ];
  private readonly optCallArgs = () => this.SUBRULE(this.callArgs);
  private readonly optArgName = () => {
    const name = this.t(this.CONSUME(T.Identifier));
    this.t(this.CONSUME(T.Equals));
    return name;
  };
  private readonly optAnnotation = () => this.SUBRULE(this.annotation);
  private readonly annotationAlts: IOrAlt<A.Annotation | undefined>[] = [
    {
      ALT: () => {
        this.t(this.CONSUME(T.Replicate));
        return this.RECORDING_PHASE ? undefined : { kind: 'ReplicateAnn', span: this.b.span(this.annotationMark) };
      },
    },
    { ALT: () => this.SUBRULE(this.splitAnn) },
    { ALT: () => this.SUBRULE(this.shardAnn) },
    { ALT: () => this.SUBRULE(this.axisAnn) },
  ];
  private readonly splitDimAlts: IOrAlt<IToken | undefined>[] = [
    { ALT: () => this.t(this.CONSUME(T.Identifier, { LABEL: 'dim' })) },
    { ALT: () => this.t(this.CONSUME(T.NumberLiteral, { LABEL: 'dim' })) },
  ];
  private readonly nestedElementAlts: IOrAlt<NestedElement>[] = [
    { ALT: () => this.SUBRULE(this.nestedInts) },
    { ALT: () => this.b.number(this.t(this.CONSUME(T.NumberLiteral))) },
  ];
  private readonly dimSpecAlts: IOrAlt<DimSpecWhat>[] = [
    {
      ALT: () => {
        this.specForm = DimSpecForm.Open;
        return this.t(this.CONSUME(T.Question));
      },
    },
    {
      ALT: () => {
        this.specForm = DimSpecForm.Axis;
        return this.t(this.CONSUME(T.AxisName));
      },
    },
    {
      ALT: () => {
        this.specForm = DimSpecForm.Group;
        return this.SUBRULE(this.axisList);
      },
    },
    // Numbers and strings are common slips (`@ [0, 1]`); parsed so the builder can say what a dim spec is.
    {
      ALT: () => {
        this.specForm = DimSpecForm.Invalid;
        return this.t(this.CONSUME(T.NumberLiteral));
      },
    },
    {
      ALT: () => {
        this.specForm = DimSpecForm.Invalid;
        return this.t(this.CONSUME(T.StringLiteral));
      },
    },
  ];
  private readonly optOpen = () => this.t(this.CONSUME2(T.Question));
  private readonly optPriority = () => this.t(this.CONSUME2(T.Identifier));

  // ---- the file ----

  program = this.RULE(
    'program',
    () => {
      const items: (A.Item | undefined)[] = [];
      return this.recovering(
        () => {
          this.MANY(() => {
            items.push(this.SUBRULE(this.item));
          });
        },
        () => items,
        () => items.push(this.take()),
      );
    },
    this.recover,
  );

  item = this.rule(
    'item',
    () => this.OR(this.itemAlts),
    this.passPartial,
  );

  // ---- meshes and dims ----

  meshDecl = this.RULE(
    'meshDecl',
    () => {
      const mark = this.b.mark();
      let name: IToken | undefined, kind: IToken | undefined;
      let chipsKw: IToken | undefined, chipsClose: IToken | undefined;
      let devicesKw: IToken | undefined, devicesClose: IToken | undefined;
      const axes: (A.MeshAxisDecl | undefined)[] = [];
      const chips: (A.IntExpr | undefined)[] = [];
      const devices: (IToken | undefined)[] = [];
      const build = () =>
        this.RECORDING_PHASE
          ? undefined
          : this.b.meshDecl(mark, name, kind, axes, chipsKw, chips, chipsClose, devicesKw, devices, devicesClose);
      return this.recovering(
        () => {
          this.t(this.CONSUME(T.Mesh));
          name = this.t(this.CONSUME(T.Identifier));
          this.t(this.CONSUME(T.Equals));
          this.OPTION(() => {
            kind = this.t(this.CONSUME(T.TpuV3));
          });
          this.t(this.CONSUME(T.LBracket));
          axes.push(this.SUBRULE(this.axisDecl));
          this.MANY(() => {
            this.t(this.CONSUME(T.Comma));
            axes.push(this.SUBRULE2(this.axisDecl));
          });
          this.t(this.CONSUME(T.RBracket));
          this.OPTION2(() => {
            chipsKw = this.t(this.CONSUME(T.Chips));
            this.t(this.CONSUME2(T.LBracket));
            chips.push(this.SUBRULE(this.intExpr));
            this.t(this.CONSUME2(T.Comma));
            chips.push(this.SUBRULE2(this.intExpr));
            chipsClose = this.t(this.CONSUME2(T.RBracket));
          });
          this.OPTION3(() => {
            devicesKw = this.t(this.CONSUME(T.Devices));
            this.t(this.CONSUME3(T.LBracket));
            devices.push(this.t(this.CONSUME(T.NumberLiteral)));
            this.MANY2(() => {
              this.t(this.CONSUME3(T.Comma));
              devices.push(this.t(this.CONSUME2(T.NumberLiteral)));
            });
            devicesClose = this.t(this.CONSUME3(T.RBracket));
          });
        },
        build,
        () => { (chipsKw === undefined ? axes : chips).push(this.take()); },
      );
    },
    this.recover,
  );

  axisDecl = this.RULE(
    'axisDecl',
    () => {
      const mark = this.b.mark();
      let name: IToken | undefined, size: A.IntExpr | undefined;
      return this.recovering(
        () => {
          name = this.t(this.CONSUME(T.AxisName));
          this.t(this.CONSUME(T.Equals));
          size = this.SUBRULE(this.intExpr);
        },
        () => this.RECORDING_PHASE ? undefined : this.b.axisDecl(mark, name, size),
        () => { size = this.take(); },
      );
    },
    this.recover,
  );

  dimDecl = this.RULE(
    'dimDecl',
    () => {
      const mark = this.b.mark();
      let name: IToken | undefined, value: A.IntExpr | undefined;
      return this.recovering(
        () => {
          this.t(this.CONSUME(T.Dim));
          name = this.t(this.CONSUME(T.Identifier));
          this.t(this.CONSUME(T.Equals));
          value = this.SUBRULE(this.intExpr);
        },
        () => this.RECORDING_PHASE ? undefined : this.b.dimDecl(mark, name, value),
        () => { value = this.take(); },
      );
    },
    this.recover,
  );

  // ---- integer expressions over dims ----
  // Flat `atom (op atom)*`; the builder applies precedence (precedence.ts).

  intExpr = this.RULE(
    'intExpr',
    () => {
      const operands: (A.IntExpr | undefined)[] = [];
      const ops: IToken[] = [];
      return this.recovering(
        () => {
          operands.push(this.SUBRULE(this.intAtom, { LABEL: 'operand' }));
          this.MANY(() => {
            // MANY enters only on a real operator token, so `t` never sees one the recovery inserted.
            ops.push(this.t(this.CONSUME(T.ArithOp, { LABEL: 'op' }))!);
            operands.push(this.SUBRULE2(this.intAtom, { LABEL: 'operand' }));
          });
        },
        () => this.RECORDING_PHASE ? undefined : this.b.intExpr(operands, ops),
        () => { operands.push(this.take()); },
      );
    },
    this.recover,
  );

  /** A number, a dim name, or a parenthesised expression (its value: parentheses are not kept). */
  intAtom = this.rule(
    'intAtom',
    () => {
      this.parenInner = undefined;
      return this.OR(this.intAtomAlts);
    },
    // A broken inner expression, or a complete one missing its ')'.
    () => (this.hasStash ? this.take() : this.parenInner),
  );

  // ---- layers and models ----

  funcDecl = this.RULE(
    'funcDecl',
    () => {
      const mark = this.b.mark();
      const reportMark = this.b.reportMark();
      let keyword: IToken | undefined, name: IToken | undefined, mesh: IToken | undefined;
      let remat: IToken | undefined, open: IToken | undefined, close: IToken | undefined;
      let results: (A.TypeRef | undefined)[] | undefined;
      const inputs: (A.InputDecl | undefined)[] = [];
      const body: (A.Stmt | undefined)[] = [];
      /** Which list a subrule that throws belongs to. */
      let part = 'inputs' as 'inputs' | 'results' | 'body';
      const build = () =>
        this.RECORDING_PHASE
          ? undefined
          : this.b.funcDecl(mark, reportMark, keyword, name, inputs, results, mesh, open, body, close, remat);
      return this.recovering(
        () => {
          this.OPTION4(() => {
            remat = this.t(this.CONSUME(T.Remat));
          });
          keyword = this.OR(this.funcKeywordAlts);
          name = this.t(this.CONSUME(T.Identifier));
          this.t(this.CONSUME(T.LParen));
          this.OPTION(() => {
            inputs.push(this.SUBRULE(this.inputDecl));
            this.MANY(() => {
              this.t(this.CONSUME(T.Comma));
              inputs.push(this.SUBRULE2(this.inputDecl));
            });
          });
          this.t(this.CONSUME(T.RParen));
          this.OPTION2(() => {
            this.t(this.CONSUME(T.Arrow));
            part = 'results';
            results = this.SUBRULE(this.results);
          });
          this.OPTION3(() => {
            this.t(this.CONSUME(T.On));
            mesh = this.t(this.CONSUME2(T.Identifier));
          });
          open = this.t(this.CONSUME(T.LBrace));
          part = 'body';
          this.MANY2(() => {
            body.push(this.SUBRULE(this.stmt));
          });
          close = this.t(this.CONSUME(T.RBrace));
        },
        build,
        () => {
          const partial = this.take();
          if (part === 'inputs') inputs.push(partial as A.InputDecl | undefined);
          else if (part === 'results') results = (partial as (A.TypeRef | undefined)[] | undefined) ?? [];
          else body.push(partial as A.Stmt | undefined);
        },
      );
    },
    this.recover,
  );

  inputDecl = this.RULE('inputDecl', () => this.typedName('InputDecl'), this.recover);

  results = this.RULE(
    'results',
    () => {
      const types: (A.TypeRef | undefined)[] = [];
      return this.recovering(
        () => {
          this.OR([
            { ALT: () => types.push(this.SUBRULE(this.typeRef)) },
            {
              ALT: () => {
                this.t(this.CONSUME(T.LParen));
                types.push(this.SUBRULE2(this.typeRef));
                this.MANY(() => {
                  this.t(this.CONSUME(T.Comma));
                  types.push(this.SUBRULE3(this.typeRef));
                });
                this.t(this.CONSUME(T.RParen));
              },
            },
          ]);
        },
        () => types,
        () => { types.push(this.take()); },
      );
    },
    this.recover,
  );

  typeRef = this.rule(
    'typeRef',
    () => {
      const mark = this.b.mark();
      let dtype: IToken | undefined, close: IToken | undefined;
      const dims: (IToken | undefined)[] = [];
      dtype = this.t(this.CONSUME(T.Identifier, { LABEL: 'dtype' }));
      this.t(this.CONSUME(T.LBracket));
      this.OPTION(() => {
        dims.push(this.t(this.CONSUME2(T.Identifier, { LABEL: 'dim' })));
        this.MANY(() => {
          this.t(this.CONSUME(T.Comma));
          dims.push(this.t(this.CONSUME3(T.Identifier, { LABEL: 'dim' })));
        });
      });
      close = this.t(this.CONSUME(T.RBracket));
      return this.RECORDING_PHASE ? undefined : this.b.typeRef(mark, dtype, dims, close);
    },
    this.dropPartial,  // no ']' yet
  );

  // ---- statements ----

  stmt = this.rule(
    'stmt',
    () => this.OR(this.stmtAlts),
    this.passPartial,
  );

  paramDecl = this.RULE('paramDecl', () => this.typedName('ParamDecl'), this.recover);

  /**
   * The body of inputDecl and paramDecl: `name: type @ annotation`, after `param` for a param. A
   * broken type leaves `type` undefined, which drops the node whatever the stash holds.
   */
  private typedName<K extends 'InputDecl' | 'ParamDecl'>(kind: K) {
    const mark = this.b.mark();
    const reportMark = this.b.reportMark();
    let name: IToken | undefined, type: A.TypeRef | undefined, annotation: A.Annotation | undefined;
    return this.recovering(
      () => {
        if (kind === 'ParamDecl') this.t(this.CONSUME(T.Param));
        name = this.t(this.CONSUME(T.Identifier));
        this.t(this.CONSUME(T.Colon));
        type = this.SUBRULE(this.typeRef);
        annotation = this.OPTION(this.optAnnotation);
      },
      () => (this.RECORDING_PHASE ? undefined : this.b.typedName(kind, mark, reportMark, name, type, annotation)),
      () => {
        annotation = this.take();
      },
    );
  }

  returnStmt = this.rule(
    'returnStmt',
    () => {
      const mark = this.b.mark();
      const values: (A.Expr | undefined)[] = [];
      this.t(this.CONSUME(T.Return));
      values.push(this.SUBRULE(this.expr));
      this.MANY(() => {
        this.t(this.CONSUME(T.Comma));
        values.push(this.SUBRULE2(this.expr));
      });
      return this.RECORDING_PHASE ? undefined : this.b.returnStmt(mark, values);
    },
    this.dropPartial,  // a broken expression is never kept
  );

  binding = this.RULE(
    'binding',
    () => {
      const mark = this.b.mark();
      const reportMark = this.b.reportMark();
      const names: (IToken | undefined)[] = [];
      let equals: IToken | undefined, value: A.Expr | undefined, annotation: A.Annotation | undefined;
      return this.recovering(
        () => {
          names.push(this.t(this.CONSUME(T.Identifier, { LABEL: 'name' })));
          this.MANY(() => {
            this.t(this.CONSUME(T.Comma));
            names.push(this.t(this.CONSUME2(T.Identifier, { LABEL: 'name' })));
          });
          equals = this.t(this.CONSUME(T.Equals));
          value = this.SUBRULE(this.expr);
          annotation = this.OPTION(this.optAnnotation);
        },
        () => this.RECORDING_PHASE ? undefined : this.b.binding(mark, reportMark, names, equals, value, annotation),
        () => { annotation = this.take(); },
      );
    },
    this.recover,
  );

  // ---- expressions (flat, like intExpr) ----
  // A broken expression is never kept, so these rules stash undefined when they throw.

  expr = this.rule(
    'expr',
    () => {
      const operands: (A.Expr | undefined)[] = [];
      const ops: IToken[] = [];
      operands.push(this.SUBRULE(this.operand));
      this.MANY(() => {
        // MANY enters only on a real operator token, so `t` never sees one the recovery inserted.
        ops.push(this.t(this.CONSUME(T.ArithOp, { LABEL: 'op' }))!);
        operands.push(this.SUBRULE2(this.operand));
      });
      return this.RECORDING_PHASE ? undefined : this.b.expr(operands, ops);
    },
    this.dropPartial,
  );

  /** A primary with its prefix '-' signs (a loop, not recursion); the primary alternatives are inline. */
  operand = this.rule(
    'operand',
    () => {
      let signs: IToken[] | undefined;
      let primary: A.Expr | undefined;
      this.MANY(() => {
        // MANY enters only on a real '-', never one the recovery inserted.
        (signs ??= []).push(this.t(this.CONSUME(T.Minus, { LABEL: 'minus' }))!);
      });
      primary = this.OR(this.primaryAlts);
      return signs === undefined || this.RECORDING_PHASE ? primary : this.b.signed(signs, primary);
    },
    this.dropPartial,
  );

  listLit = this.rule(
    'listLit',
    () => {
      const mark = this.b.mark();
      const elements: (A.Expr | undefined)[] = [];
      let close: IToken | undefined;
      this.t(this.CONSUME(T.LBracket));
      this.OPTION(() => {
        elements.push(this.SUBRULE(this.expr));
        this.MANY(() => {
          this.t(this.CONSUME(T.Comma));
          elements.push(this.SUBRULE2(this.expr));
        });
      });
      close = this.t(this.CONSUME(T.RBracket));
      return this.RECORDING_PHASE ? undefined : this.b.listLit(mark, elements, close);
    },
    this.dropPartial,
  );

  repeatCall = this.rule(
    'repeatCall',
    () => {
      const mark = this.b.mark();
      let count: A.IntExpr | undefined, callee: IToken | undefined, args: A.CallArg[] | null | undefined;
      this.t(this.CONSUME(T.Repeat));
      count = this.SUBRULE(this.intAtom);
      callee = this.t(this.CONSUME(T.Identifier, { LABEL: 'callee' }));
      args = this.SUBRULE(this.callArgs);
      return this.RECORDING_PHASE ? undefined : this.b.repeatCall(mark, count, callee, args);
    },
    this.dropPartial,
  );

  /** `remat f(x)` or `remat repeat 4 f(x)`: a layer call whose activations the backward pass recomputes. */
  rematCall = this.rule(
    'rematCall',
    () => {
      const mark = this.b.mark();
      const keyword = this.t(this.CONSUME(T.Remat));
      const inner = this.OR(this.rematInnerAlts);
      return this.RECORDING_PHASE ? undefined : this.b.rematCall(mark, keyword, inner);
    },
    this.dropPartial,
  );
  private readonly rematInnerAlts: IOrAlt<A.Call | A.RepeatCall | A.NameRef | undefined>[] = [
    { ALT: () => this.SUBRULE(this.repeatCall) },
    {
      ALT: () => {
        const name = this.t(this.CONSUME(T.Identifier));
        const args = this.SUBRULE(this.callArgs);
        return this.RECORDING_PHASE ? undefined : this.b.nameOrCall(name, args);
      },
    },
  ];

  /** The arguments, or null when they did not parse (a recovered call is dropped, not read as a name). */
  callArgs = this.rule(
    'callArgs',
    (): A.CallArg[] | null => {
      const args: (A.CallArg | undefined)[] = [];
      let close: IToken | undefined;
      this.t(this.CONSUME(T.LParen));
      this.OPTION(() => {
        args.push(this.SUBRULE(this.callArg));
        this.MANY(() => {
          this.t(this.CONSUME(T.Comma));
          args.push(this.SUBRULE2(this.callArg));
        });
      });
      close = this.t(this.CONSUME(T.RParen));
      return this.RECORDING_PHASE ? null : this.b.callArgs(args, close);
    },
    this.dropCall,
  );

  callArg = this.rule(
    'callArg',
    () => {
      const mark = this.b.mark();
      let name: IToken | undefined, value: A.Expr | undefined;
      name = this.OPTION(this.optArgName);
      value = this.SUBRULE(this.expr);
      return this.RECORDING_PHASE ? undefined : this.b.callArg(mark, name, value);
    },
    this.dropPartial,
  );

  // ---- sharding annotations ----
  // The sub-rules build the annotation node itself, spanning from the '@' (annotationMark).

  annotation = this.rule(
    'annotation',
    () => {
      this.annotationMark = this.b.mark();
      this.t(this.CONSUME(T.At));
      return this.OR(this.annotationAlts);
    },
    this.passPartial,
  );

  splitAnn = this.rule(
    'splitAnn',
    () => {
      let dim: IToken | undefined, count: A.IntExpr | undefined, close: IToken | undefined;
      this.t(this.CONSUME(T.Split));
      this.t(this.CONSUME(T.LParen));
      dim = this.OR(this.splitDimAlts);
      this.t(this.CONSUME(T.Comma));
      count = this.SUBRULE(this.intExpr);
      close = this.t(this.CONSUME(T.RParen));
      return this.RECORDING_PHASE ? undefined : this.b.splitAnn(this.annotationMark, dim, count, close);
    },
    this.dropPartial,  // no ')' yet
  );

  shardAnn = this.rule(
    'shardAnn',
    () => {
      let assignment: A.NestedInts | undefined, close: IToken | undefined;
      this.t(this.CONSUME(T.Shard));
      this.t(this.CONSUME(T.LParen));
      assignment = this.SUBRULE(this.nestedInts);
      close = this.t(this.CONSUME(T.RParen));
      return this.RECORDING_PHASE ? undefined : this.b.shardAnn(this.annotationMark, assignment, close);
    },
    this.dropPartial,  // no ')' yet
  );

  nestedInts = this.rule(
    'nestedInts',
    () => {
      const mark = this.b.mark();
      const elements: NestedElement[] = [];
      let close: IToken | undefined;
      this.t(this.CONSUME(T.LBracket));
      elements.push(this.SUBRULE(this.nestedElement));
      this.MANY(() => {
        this.t(this.CONSUME(T.Comma));
        elements.push(this.SUBRULE2(this.nestedElement));
      });
      close = this.t(this.CONSUME(T.RBracket));
      return this.RECORDING_PHASE ? undefined : this.b.nestedInts(mark, elements, close);
    },
    this.dropPartial,  // no ']' yet
  );

  nestedElement = this.rule(
    'nestedElement',
    () => this.OR(this.nestedElementAlts),
    this.dropPartial,  // its list has no ']' either
  );

  axisAnn = this.RULE(
    'axisAnn',
    () => {
      const reportMark = this.b.reportMark();
      const dims: (A.DimSpec | undefined)[] = [];
      let close: IToken | undefined;
      let replicated: IToken[] | undefined, unreduced: IToken[] | undefined;
      let part = 'dims' as 'dims' | 'replicated' | 'unreduced';
      const build = () =>
        this.RECORDING_PHASE
          ? undefined
          : this.b.axisAnn(this.annotationMark, reportMark, dims, close, replicated, unreduced);
      return this.recovering(
        () => {
          this.t(this.CONSUME(T.LBracket));
          this.OPTION(() => {
            dims.push(this.SUBRULE(this.dimSpec));
            this.MANY(() => {
              this.t(this.CONSUME(T.Comma));
              dims.push(this.SUBRULE2(this.dimSpec));
            });
          });
          close = this.t(this.CONSUME(T.RBracket));
          this.OPTION2(() => {
            this.t(this.CONSUME(T.Replicated));
            part = 'replicated';
            replicated = this.SUBRULE(this.axisList, { LABEL: 'replicated' });
          });
          this.OPTION3(() => {
            this.t(this.CONSUME(T.Unreduced));
            part = 'unreduced';
            unreduced = this.SUBRULE2(this.axisList, { LABEL: 'unreduced' });
          });
        },
        build,
        () => {
          const partial = this.take();
          if (part === 'dims') dims.push(partial as A.DimSpec | undefined);
          else if (part === 'replicated') replicated = partial as IToken[];
          else unreduced = partial as IToken[];
        },
      );
    },
    this.recover,
  );

  /** `(x, y)`: the real axis tokens (a broken list keeps the ones before the error). */
  axisList = this.RULE(
    'axisList',
    (): IToken[] => {
      const axes: IToken[] = [];
      const add = (t: IToken | undefined) => {
        if (t !== undefined) axes.push(t);
      };
      return this.recovering(
        () => {
          this.t(this.CONSUME(T.LParen));
          add(this.t(this.CONSUME(T.AxisName, { LABEL: 'axis' })));
          this.MANY(() => {
            this.t(this.CONSUME(T.Comma));
            add(this.t(this.CONSUME2(T.AxisName, { LABEL: 'axis' })));
          });
          this.t(this.CONSUME(T.RParen));
        },
        () => axes,
      );
    },
    this.recover,
  );

  /** `_`, `?`, `x`, `(x, y)`, then an optional `?` (open) and an optional priority `pN`. */
  dimSpec = this.RULE(
    'dimSpec',
    () => {
      const mark = this.b.mark();
      this.specForm = DimSpecForm.None;
      let form: DimSpecForm = DimSpecForm.None;
      let what: DimSpecWhat;
      let open: IToken | undefined, priority: IToken | undefined, group: IToken[] | undefined;
      return this.recovering(
        () => {
          what = this.OR(this.dimSpecAlts);
          form = this.specForm;
          open = this.OPTION(this.optOpen);
          priority = this.OPTION2(this.optPriority);
        },
        // Only a broken `(axis, ...)` group throws after an alternative was chosen (and sets no form).
        () => {
          if (this.RECORDING_PHASE) return undefined;
          if (form !== DimSpecForm.None) return this.b.dimSpec(mark, form, what, open, priority);
          return group === undefined ? undefined : this.b.dimSpec(mark, DimSpecForm.Group, group, undefined, undefined);
        },
        () => {
          group = this.take<IToken[]>();
        },
      );
    },
    this.recover,
  );
}

/** The shared parser instance (building one analyses the whole grammar, ~10 ms). */
export const parser = new GShardParser();
