package io.netprobe.exporter.internal.config;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code fail_if_body_json_(not_)matches_cel} expression, compiled at load time as blackbox 0.27+ does (CEL's
 * standard library and macros, one variable {@code body} of dynamic type). JSON numbers are doubles, as Go decodes
 * them, so numbers compare across int and double ({@code body.count == 3}). Immutable and thread-safe: one program
 * serves every probe of the module.
 */
public final class CelProgram {
  /** CEL's compiler and runtime, built on first use: a configuration without CEL does not load them (~1 s). */
  private static final class Cel {
    /** A bound on comprehension steps, so one expression over a large body cannot hold a probe's thread forever. */
    static final int MAX_ITERATIONS = 1_000_000;
    static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true)
        .comprehensionMaxIterations(MAX_ITERATIONS).build();
    static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("body", SimpleType.DYN).build();
    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  }

  private final String expression;
  private final CelRuntime.Program program;

  private CelProgram(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  /** The expression under {@code key}, compiled; absent when the key is not set. */
  static Optional<CelProgram> parse(YamlBlock b, String key) throws ConfigException {
    Optional<String> expression = b.string(key);
    if (expression.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(compile(expression.get()));
    } catch (IllegalArgumentException e) {
      throw b.error(key, "\"Could not compile CEL program\" expression=" + YamlBlock.quote(expression.get()) + ": "
          + e.getMessage());
    }
  }

  /**
   * {@code expression} compiled.
   *
   * @throws IllegalArgumentException naming the first problem CEL found
   */
  public static CelProgram compile(String expression) {
    try {
      return new CelProgram(expression, Cel.RUNTIME.createProgram(Cel.COMPILER.compile(expression)
          .getAst()));
    } catch (CelValidationException | CelEvaluationException e) {
      String first = e.getMessage() == null ? "invalid" : e.getMessage().lines().findFirst().orElse("invalid");
      throw new IllegalArgumentException(first, e);
    }
  }

  public String expression() {
    return expression;
  }

  /**
   * The expression's value with {@code body} bound to a parsed JSON document (maps, lists, doubles, strings,
   * booleans, protobuf's {@code NullValue}: the null this CEL runtime compares with {@code null}).
   *
   * @throws IllegalStateException when the evaluation fails (a missing key, a type error), with CEL's message
   */
  public Object evaluate(Object body) {
    try {
      return program.eval(Map.of("body", body));
    } catch (CelEvaluationException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
