package io.netprobe.diagnose;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of a diagnosis: the first failing layer, its category, one sentence saying what is wrong, the evidence
 * (which results showed it), and the next thing to check.
 *
 * <p>Immutable and thread-safe.
 *
 * @param category where the problem is
 * @param finding what exactly was found; renderers key translations on it
 * @param layer the failing layer; empty when nothing failed
 * @param explanation one English sentence
 * @param nextStep the next thing to check, in English
 * @param evidence the results that show it, one line each
 * @param arguments the values filled into the finding's wording (host, status, port, …)
 */
public record Verdict(Category category, Finding finding, Optional<Layer> layer, String explanation, String nextStep,
    List<String> evidence, List<String> arguments) {

  public Verdict {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(nextStep, "nextStep");
    evidence = List.copyOf(evidence);
    arguments = List.copyOf(arguments);
  }

  /** A verdict for a finding, with the English wording filled in. */
  public static Verdict of(Finding finding, Optional<Layer> layer, List<String> evidence, String... arguments) {
    List<String> args = List.of(arguments);
    return new Verdict(finding.category(), finding, layer, Finding.fill(finding.explanationTemplate(), args),
        Finding.fill(finding.nextStepTemplate(), args), evidence, args);
  }

  /** True when the category is {@link Category#OK}. */
  public boolean isOk() {
    return category == Category.OK;
  }
}
