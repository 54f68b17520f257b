package io.netprobe.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CapturesTest {
  @Test
  void expandsNumberedAndNamedGroupsLikeGoRegexpExpand() {
    Matcher m = Pattern.compile("^220 (?<host>\\S+) (\\w+)").matcher("220 mx.test ESMTP ready");
    assertThat(m.find()).isTrue();
    assertThat(Captures.expand("EHLO ${host} ${2} ${1}", m)).isEqualTo("EHLO mx.test ESMTP mx.test");
    assertThat(Captures.expand("cost $$5 ${9} ${nosuch}", m)).isEqualTo("cost $5  ");
    assertThat(Captures.expand("no match yet ${1}", null)).isEqualTo("no match yet ");
    assertThat(Captures.expand("$1 stays", m)).isEqualTo("$1 stays");
  }
}
