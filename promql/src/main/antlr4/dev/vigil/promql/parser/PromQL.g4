/*
 * PromQL as accepted by Prometheus 3.x (querying/basics.md, operators.md, functions.md).
 *
 * The grammar only decides the shape of the input. Everything Prometheus reports as a semantic
 * error (offset placement, duration ranges, regex validity, argument counts, types) is checked by
 * AstBuilder and TypeChecker so that the messages can follow Prometheus's wording.
 *
 * Operator precedence, highest first (alternatives of `expr` are listed in that order):
 *   range/subquery brackets, offset, @   (postfix, bind to the closest operand)
 *   ^                                    (right-associative)
 *   unary + -                            (so -2^2 is -(2^2), and -a*b is (-a)*b)
 *   * / % atan2
 *   + -
 *   == != <= < >= >  and the histogram trim operators </ >/
 *   and unless
 *   or
 */
grammar PromQL;

@lexer::members {
    /* Inside [...] a ':' separates range and step, so it must not start a metric identifier. */
    private int bracketDepth;

    /* fill, fill_left and fill_right are keywords only before "(", so they stay usable as metric names. */
    private boolean followedByLeftParen() {
        for (int i = 1; ; i++) {
            int c = _input.LA(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '(';
            }
        }
    }
}

expression
    : expr EOF
    | EOF
    ;

// A bare series selector, as in the HTTP API's match[] parameters: no modifiers, no operators.
metricSelector
    : vectorSelector EOF
    ;

expr
    : expr LEFT_BRACKET range=durationExpr RIGHT_BRACKET                                         # rangeSuffix
    | expr LEFT_BRACKET range=durationExpr COLON step=durationExpr? RIGHT_BRACKET                 # subquerySuffix
    | expr OFFSET offset=offsetDuration                                                          # offsetSuffix
    | expr AT atValue                                                                            # atSuffix
    | expr modifier=(ANCHORED | SMOOTHED)                                                        # rangeModifierSuffix
    | <assoc=right> expr op=POW binModifiers expr                                                # binary
    | op=(ADD | SUB) expr                                                                        # unary
    | expr op=(MUL | DIV | MOD | ATAN2) binModifiers expr                                        # binary
    | expr op=(ADD | SUB) binModifiers expr                                                      # binary
    | expr op=(EQLC | NEQ | LTE | LSS | GTE | GTR | TRIM_UPPER | TRIM_LOWER) binModifiers expr   # binary
    | expr op=(LAND | LUNLESS) binModifiers expr                                                 # binary
    | expr op=LOR binModifiers expr                                                              # binary
    | aggregateOp grouping functionArgs                                                          # aggregate
    | aggregateOp functionArgs grouping?                                                         # aggregate
    | functionName functionArgs                                                                  # call
    | LEFT_PAREN expr RIGHT_PAREN                                                                # paren
    | vectorSelector                                                                             # selector
    | numberLiteral                                                                              # number
    | STRING                                                                                     # string
    ;

// Ranges and subquery steps. Anything beyond a (signed) literal is one of Prometheus's experimental
// duration expressions; AstBuilder checks that the feature is enabled. Precedence as in `expr`.
durationExpr
    : <assoc=right> durationExpr op=POW durationExpr                                             # durationBinary
    | sign=(ADD | SUB) durationExpr                                                              # durationUnary
    | durationExpr op=(MUL | DIV | MOD) durationExpr                                             # durationBinary
    | durationExpr op=(ADD | SUB) durationExpr                                                   # durationBinary
    | LEFT_PAREN durationExpr RIGHT_PAREN                                                        # durationParen
    | durationCall                                                                               # durationFunction
    | (NUMBER | DURATION | INF | NAN)                                                            # durationNumber
    ;

// step(), range(), min_of(a, b), max_of(a, b); the names are checked by AstBuilder.
durationCall
    : IDENTIFIER LEFT_PAREN (durationExpr COMMA durationExpr)? RIGHT_PAREN
    ;

// After `offset` only one operand is taken, so `foo offset 1m * 2` multiplies the selector.
offsetDuration
    : sign=(ADD | SUB)? (NUMBER | DURATION | INF | NAN)                                          # offsetLiteral
    | sign=(ADD | SUB)? LEFT_PAREN durationExpr RIGHT_PAREN                                      # offsetParen
    | sign=(ADD | SUB)? durationCall                                                             # offsetCall
    ;

atValue
    : sign=(ADD | SUB)? (NUMBER | DURATION | INF | NAN)                                          # atTimestamp
    | (START | END) LEFT_PAREN RIGHT_PAREN                                                       # atStartEnd
    ;

numberLiteral
    : NUMBER
    | DURATION
    | INF
    | NAN
    ;

binModifiers
    : BOOL? (matchKind=(ON | IGNORING) labelList (groupSide=(GROUP_LEFT | GROUP_RIGHT) labelList?)?)? fillModifiers?
    ;

fillModifiers
    : FILL both=fillValue
    | FILL_LEFT left=fillValue (FILL_RIGHT right=fillValue)?
    | FILL_RIGHT right=fillValue (FILL_LEFT left=fillValue)?
    ;

fillValue
    : LEFT_PAREN sign=(ADD | SUB)? (NUMBER | DURATION | INF | NAN) RIGHT_PAREN
    ;

grouping
    : kind=(BY | WITHOUT) labelList
    ;

labelList
    : LEFT_PAREN (groupingLabel (COMMA groupingLabel)* COMMA?)? RIGHT_PAREN
    ;

groupingLabel
    : labelName
    | METRIC_IDENTIFIER
    | STRING
    ;

functionArgs
    : LEFT_PAREN (expr (COMMA expr)* trailingComma=COMMA?)? RIGHT_PAREN
    ;

functionName
    : IDENTIFIER
    | START
    | END
    ;

vectorSelector
    : metricName labelMatchers?
    | labelMatchers
    ;

labelMatchers
    : LEFT_BRACE (labelMatcher (COMMA labelMatcher)* COMMA?)? RIGHT_BRACE
    ;

labelMatcher
    : (labelName | STRING) matchOp STRING
    | STRING
    ;

matchOp
    : EQL
    | NEQ
    | EQL_REGEX
    | NEQ_REGEX
    ;

// Keywords Prometheus accepts as a metric name: all but bool, on, ignoring, group_left,
// group_right and atan2 (querying/basics.md).
metricName
    : IDENTIFIER
    | METRIC_IDENTIFIER
    | aggregateOp
    | BY
    | WITHOUT
    | OFFSET
    | LAND
    | LOR
    | LUNLESS
    | START
    | END
    | ANCHORED
    | SMOOTHED
    ;

// Inside braces and grouping lists every keyword is a plain label name.
labelName
    : IDENTIFIER
    | aggregateOp
    | BY
    | WITHOUT
    | OFFSET
    | LAND
    | LOR
    | LUNLESS
    | START
    | END
    | BOOL
    | ON
    | IGNORING
    | GROUP_LEFT
    | GROUP_RIGHT
    | ATAN2
    | ANCHORED
    | SMOOTHED
    | FILL
    | FILL_LEFT
    | FILL_RIGHT
    | INF
    | NAN
    ;

aggregateOp
    : SUM
    | AVG
    | COUNT
    | MIN
    | MAX
    | GROUP
    | STDDEV
    | STDVAR
    | TOPK
    | BOTTOMK
    | COUNT_VALUES
    | QUANTILE
    | LIMITK
    | LIMIT_RATIO
    ;

// ---------------------------------------------------------------------------------------------
// Lexer. Keywords are case-insensitive, as in Prometheus.

COMMENT : '#' ~[\r\n]* -> skip ;
WS      : [ \t\r\n]+ -> skip ;

LAND         : A N D ;
LOR          : O R ;
LUNLESS      : U N L E S S ;
ATAN2        : A T A N '2' ;
SUM          : S U M ;
AVG          : A V G ;
COUNT        : C O U N T ;
MIN          : M I N ;
MAX          : M A X ;
GROUP        : G R O U P ;
STDDEV       : S T D D E V ;
STDVAR       : S T D V A R ;
TOPK         : T O P K ;
BOTTOMK      : B O T T O M K ;
COUNT_VALUES : C O U N T '_' V A L U E S ;
QUANTILE     : Q U A N T I L E ;
LIMITK       : L I M I T K ;
LIMIT_RATIO  : L I M I T '_' R A T I O ;
OFFSET       : O F F S E T ;
BY           : B Y ;
WITHOUT      : W I T H O U T ;
ON           : O N ;
IGNORING     : I G N O R I N G ;
GROUP_LEFT   : G R O U P '_' L E F T ;
GROUP_RIGHT  : G R O U P '_' R I G H T ;
BOOL         : B O O L ;
START        : S T A R T ;
END          : E N D ;
ANCHORED     : A N C H O R E D ;
SMOOTHED     : S M O O T H E D ;
FILL_LEFT    : F I L L '_' L E F T {followedByLeftParen()}? ;
FILL_RIGHT   : F I L L '_' R I G H T {followedByLeftParen()}? ;
FILL         : F I L L {followedByLeftParen()}? ;
INF          : I N F ;
NAN          : N A N ;

IDENTIFIER        : [a-zA-Z_] [a-zA-Z0-9_]* ;
METRIC_IDENTIFIER : [a-zA-Z_:] [a-zA-Z0-9_:]* {bracketDepth == 0}? ;

// Durations are validated (unit order, unknown units) by the builder, as Prometheus does after lexing.
DURATION : [0-9]+ [smhdwy] 's'? ([0-9]+ [smhdw] 's'?)* ;
NUMBER   : HEX | DECIMAL ;
// Anything else starting like a number ("2.5.", "5mm", "0deadbeef") is one bad token, so the
// error names the whole word rather than the first character that does not fit.
BAD_NUMBER : ([0-9] | '.' [0-9]) [0-9a-zA-Z_.]* ;

STRING
    : '"' (~["\\\n] | '\\' .)* '"'
    | '\'' (~['\\\n] | '\\' .)* '\''
    | '`' ~'`'* '`'
    ;
UNTERMINATED_STRING
    : '"' (~["\\\n] | '\\' .)* '\\'?
    | '\'' (~['\\\n] | '\\' .)* '\\'?
    ;
UNTERMINATED_RAW_STRING : '`' ~'`'* ;

LEFT_PAREN    : '(' ;
RIGHT_PAREN   : ')' ;
LEFT_BRACE    : '{' ;
RIGHT_BRACE   : '}' ;
LEFT_BRACKET  : '[' {bracketDepth++;} ;
RIGHT_BRACKET : ']' {if (bracketDepth > 0) bracketDepth--;} ;
COMMA         : ',' ;
COLON         : ':' ;
AT            : '@' ;

TRIM_UPPER : '</' ;
TRIM_LOWER : '>/' ;
EQLC      : '==' ;
NEQ       : '!=' ;
LTE       : '<=' ;
LSS       : '<' ;
GTE       : '>=' ;
GTR       : '>' ;
EQL_REGEX : '=~' ;
NEQ_REGEX : '!~' ;
EQL       : '=' ;
ADD       : '+' ;
SUB       : '-' ;
MUL       : '*' ;
DIV       : '/' ;
MOD       : '%' ;
POW       : '^' ;

// Every character is tokenized; the error translator turns this into "unexpected character".
UNEXPECTED_CHAR : . ;

fragment DIGITS     : [0-9] ('_'? [0-9])* ;
fragment HEX_DIGITS : [0-9a-fA-F] ('_'? [0-9a-fA-F])* ;
fragment HEX        : '0' [xX] '_'? HEX_DIGITS ;
fragment DECIMAL    : (DIGITS ('.' DIGITS?)? | '.' DIGITS) ([eE] [+-]? DIGITS)? ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment K : [kK] ; fragment L : [lL] ; fragment M : [mM] ;
fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ; fragment Q : [qQ] ;
fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ; fragment U : [uU] ;
fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;
