package io.netprobe.exporter.internal.probe;

import java.time.Duration;

/**
 * A float64 written as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} writes it, which is what blackbox's metric
 * text (Prometheus's expfmt) and its logfmt lines use: the shortest digits that read back as the same number, in
 * exponent form ({@code 1.8187e-05}, {@code 3.668918509e+09}) when the exponent is below -4 or at least 6, plain
 * ({@code 0.000405191}, {@code 123456}) otherwise. Stateless and thread-safe.
 *
 * <p>Integers and whole nanoseconds (every duration a probe reports) are written from their exact decimal, without
 * a general float-to-text conversion: a decimal of at most 15 significant digits that reads back as the double is the
 * shortest one. Other values take their digits from {@link Double#toString}, which is the shortest on JDK 19 and
 * later and, on JDK 17, now and then one digit longer (the same number still).
 */
final class GoFloat {
  private static final double EXACT_LIMIT = 1e15;
  private static final double NANOS = 1e9;

  private GoFloat() {}

  /** {@code v} as Go writes it ({@code NaN}, {@code +Inf}, {@code -Inf} for the special values). */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    StringBuilder out = new StringBuilder(24);
    if (v < 0) {
      out.append('-');
    }
    double a = Math.abs(v);
    if (a == Math.rint(a) && a < EXACT_LIMIT) {
      return exact(out, (long) a, 0);
    }
    double n = Math.rint(a * NANOS);
    if (n < EXACT_LIMIT && n / NANOS == a) {
      return exact(out, (long) n, 9);
    }
    return general(out, Double.toString(a));
  }

  /** A duration in seconds, as blackbox reports one ({@code time.Duration.Seconds()}). */
  static String seconds(Duration d) {
    return format(MetricSet.seconds(d));
  }

  /** {@code unscaled} x 10^-{@code scale}, {@code unscaled} positive. */
  private static String exact(StringBuilder out, long unscaled, int scale) {
    long u = unscaled;
    int s = scale;
    while (u % 10 == 0) {
      u /= 10;
      s--;
    }
    String digits = Long.toString(u);
    return layout(out, digits, digits.length() - s);
  }

  /** From Java's {@code 1.234E-5} or {@code 0.001234} to digits and the decimal point's place. */
  private static String general(StringBuilder out, String java) {
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int point = dot + exponent;
    int first = 0;
    while (first < all.length() - 1 && all.charAt(first) == '0') {
      first++;
      point--;
    }
    int last = all.length();
    while (last > first + 1 && all.charAt(last - 1) == '0') {
      last--;
    }
    return layout(out, all.substring(first, last), point);
  }

  /** Go's {@code %e} or {@code %f} choice for shortest digits: {@code point} is where the decimal point goes. */
  private static String layout(StringBuilder out, String digits, int point) {
    int exp = point - 1;
    if (exp < -4 || exp >= 6) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        out.append('0');
      }
      return out.append(abs).toString();
    }
    if (point <= 0) {
      out.append("0.");
      out.append("0".repeat(-point));
      return out.append(digits).toString();
    }
    if (point >= digits.length()) {
      return out.append(digits).append("0".repeat(point - digits.length())).toString();
    }
    return out.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
  }
}
