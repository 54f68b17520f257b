package io.netprobe.diagnose.engine.internal;

import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.NetworkPath;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Remark;
import io.netprobe.diagnose.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The report in Korean, the seed's language. Stateless; thread-safe. */
final class KoreanMessages implements Messages {
  @Override
  public String heading() {
    return "netprobe 진단";
  }

  @Override
  public String verdictLabel() {
    return "판정";
  }

  @Override
  public String nextLabel() {
    return "다음 확인";
  }

  @Override
  public String pathLabel() {
    return "경로";
  }

  @Override
  public String evidenceLabel() {
    return "근거";
  }

  @Override
  public String notesLabel() {
    return "참고";
  }

  @Override
  public String addressesLabel() {
    return "주소";
  }

  @Override
  public String tookLabel() {
    return "소요";
  }

  @Override
  public String category(Category category) {
    return switch (category) {
      case OK -> "정상";
      case NETWORK -> "네트워크";
      case DNS -> "DNS";
      case EDGE -> "CDN 엣지";
      case ORIGIN -> "오리진 서버";
      case TLS -> "TLS 인증서";
      case LOCAL_PORT -> "로컬 포트";
      case INCONCLUSIVE -> "판단 불가";
    };
  }

  @Override
  public String layer(Layer layer) {
    return switch (layer) {
      case NETWORK -> "네트워크";
      case DNS -> "DNS";
      case HTTP -> "HTTP";
      case ORIGIN -> "오리진 직접 확인";
      case LOCAL_PORTS -> "로컬 포트";
    };
  }

  @Override
  public String status(CheckStatus status) {
    return switch (status) {
      case PASSED -> "정상";
      case WARNING -> "주의";
      case FAILED -> "실패";
      case SKIPPED -> "건너뜀";
    };
  }

  @Override
  public String explanation(Verdict verdict) {
    return Finding.fill(explanationTemplate(verdict.finding()), verdict.arguments());
  }

  @Override
  public String nextStep(Verdict verdict) {
    return Finding.fill(nextStepTemplate(verdict.finding()), verdict.arguments());
  }

  @Override
  public String note(Note note) {
    return Finding.fill(noteTemplate(note.remark()), note.arguments());
  }

  @Override
  public String path(NetworkPath path) {
    List<String> nodes = new ArrayList<>();
    nodes.add("클라이언트");
    path.edge().ifPresent(e -> nodes.add(e.provider().displayName() + " 엣지"
        + e.location().map(l -> " (" + l + ")").orElse("")));
    String detail = path.originDetail();
    nodes.add((path.hasEdge() ? "오리진" : "서버") + (detail.isEmpty() ? "" : " (" + detail + ")"));
    return String.join(" → ", nodes);
  }

  private static String explanationTemplate(Finding finding) {
    return switch (finding) {
      case HEALTHY -> "{0} 정상: 모든 계층이 응답했고 마지막 응답은 {1}입니다.";
      case INCOMPLETE -> "{0}을(를) 확인하지 못했습니다: {1}.";
      case LOCAL_RESOURCES -> "이 머신에서 {0}을(를) 검사하지 못했습니다: {1}.";
      case OFFLINE -> "이 머신은 {0} 중 어디에도 닿지 못했습니다: 사이트가 아니라 로컬 네트워크나 업링크 문제입니다.";
      case HOST_UNREACHABLE -> "인터넷은 되지만 {0}까지 가는 경로가 없습니다 ({1}).";
      case NXDOMAIN -> "{0}은(는) DNS에 존재하지 않습니다 (NXDOMAIN).";
      case NO_ADDRESS -> "{0}은(는) DNS에 있지만 A/AAAA 레코드가 없습니다.";
      case DNS_SERVER_FAILURE -> "리졸버가 {0}에 대해 응답하지 못했습니다 ({1}).";
      case DNS_TIMEOUT -> "{0}에 대한 DNS 응답이 제한 시간 안에 오지 않았습니다.";
      case DNS_STALE_ANSWER -> "이 머신의 리졸버는 {0}에 대해 {1}을(를) 주지만 그 주소는 응답하지 않고 ({2}), {3}은(는) "
          + "포트 {5}에서 연결을 받는 {4}을(를) 줍니다: 로컬 DNS 응답이 오래되었습니다 (옛 레코드나 캐시).";
      case TLS_EXPIRED -> "{0}의 인증서가 만료되었습니다 ({1}).";
      case TLS_NOT_YET_VALID -> "{0}의 인증서가 아직 유효하지 않습니다 ({1}).";
      case TLS_UNTRUSTED -> "{0}의 인증서를 신뢰할 수 없습니다 ({1}).";
      case TLS_HOSTNAME_MISMATCH -> "{0}에 다른 이름의 인증서가 제공되었습니다 ({1}).";
      case TLS_HANDSHAKE -> "{0}와(과)의 TLS 핸드셰이크가 실패했습니다 ({1}).";
      case ORIGIN_CERTIFICATE_EXPIRED -> "오리진 {2}의 인증서가 만료되어 {0}이(가) {1}로 응답합니다 ({3}).";
      case ORIGIN_CERTIFICATE_NOT_YET_VALID -> "오리진 {2}의 인증서가 아직 유효하지 않아 {0}이(가) {1}로 응답합니다 ({3}).";
      case ORIGIN_CERTIFICATE_UNTRUSTED -> "오리진 {2}의 인증서를 신뢰할 수 없어 {0}이(가) {1}로 응답합니다 ({3}).";
      case ORIGIN_CERTIFICATE_WRONG_NAME -> "오리진 {2}이(가) 다른 이름의 인증서를 내보내서 {0}이(가) {1}로 응답합니다 ({3}).";
      case ORIGIN_CERTIFICATE_REJECTED -> "{0}이(가) {1} (유효하지 않은 SSL 인증서)로 응답합니다: 엣지는 오리진에 닿지만 그 "
          + "인증서를 거부합니다 (만료, 신뢰할 수 없는 발급자, 또는 {2}이(가) 아닌 다른 이름).";
      case ORIGIN_TLS_HANDSHAKE_FAILED -> "{0}이(가) {1} (SSL 핸드셰이크 실패)로 응답합니다: 엣지가 오리진과 TLS "
          + "핸드셰이크를 마치지 못합니다.";
      case EDGE_ORIGIN_DNS_ERROR -> "{0}이(가) {1} (오리진 DNS 오류)로 응답합니다: 엣지가 오리진의 이름을 찾지 못합니다.";
      case ORIGIN_INVALID_RESPONSE_BEHIND_EDGE -> "{0}이(가) {1} (알 수 없는 오류)로 응답합니다: 오리진의 응답이 비었거나 "
          + "끊겼거나 올바른 HTTP가 아니었습니다.";
      case ORIGIN_TOO_SLOW_BEHIND_EDGE -> "{0}이(가) {1} (타임아웃 발생)로 응답합니다: 엣지는 오리진에 연결했지만 "
          + "애플리케이션이 엣지가 기다리는 시간 안에 응답하지 않았습니다 (Cloudflare는 100초).";
      case EDGE_UNREACHABLE -> "인터넷은 되지만 {1}의 {0} 엣지가 응답하지 않았습니다 ({2}).";
      case EDGE_CANNOT_REACH_ORIGIN -> "{0}이(가) {1} ({2})로 응답합니다: 엣지는 살아 있지만 오리진에서 응답을 받지 못합니다.";
      case EDGE_CANNOT_REACH_HEALTHY_ORIGIN ->
          "{0}은(는) {1} ({2})로 응답하지만 오리진 {3}은(는) 직접 {4}로 응답합니다: 엣지와 오리진 사이가 문제입니다.";
      case EDGE_CHALLENGE -> "{0}이(가) 챌린지와 함께 HTTP {1}로 응답했습니다: 봇 차단 기능이 이 클라이언트를 막고 있습니다.";
      case EDGE_REDIRECT_LOOP -> "{0}을(를) 거치는 리다이렉트가 끝나지 않습니다 ({1}): 보통 CDN의 Flexible SSL 모드와 "
          + "https로 리다이렉트하는 오리진이 만날 때 생깁니다.";
      case ORIGIN_ERROR_BEHIND_EDGE -> "오리진이 {0}을(를) 통해 {1}로 응답했습니다: 엣지는 정상이고 그 뒤의 애플리케이션이 "
          + "실패했습니다{2}.";
      case ORIGIN_DOWN_BEHIND_EDGE -> "{0}이(가) {1}로 응답하고 오리진 {2}도 직접 응답하지 않습니다 ({3}): 오리진이 내려가 "
          + "있습니다.";
      case ORIGIN_SERVER_ERROR -> "{0}이(가) {1}로 응답했습니다: 서버에는 닿지만 애플리케이션이 실패했습니다{2}.";
      case ORIGIN_REFUSED -> "{0}이(가) 포트 {1} 연결을 거부했습니다: 그 포트에서 듣고 있는 프로세스가 없습니다.";
      case ORIGIN_TIMEOUT -> "{0}이(가) 포트 {1}에서 제한 시간 안에 응답하지 않았습니다: 방화벽이 패킷을 버리거나 서버가 "
          + "멈춰 있습니다.";
      case ORIGIN_BROKEN_RESPONSE -> "{0}이(가) 연결은 받았지만 올바른 HTTP로 응답하지 않았습니다 ({1}).";
      case REDIRECT_LOOP -> "{0}의 리다이렉트가 끝나지 않습니다 ({1}).";
      case HTTP_CLIENT_ERROR -> "{0}이(가) {1}로 응답했습니다: 서버는 동작하지만 이 URL을 제공하지 않습니다.";
      case ACCESS_DENIED -> "{0}이(가) {1}로 응답했습니다: 서버는 동작하지만 인증 없이는 이 요청을 거부합니다.";
      case PORT_LOOPBACK_ONLY -> "포트 {0}은(는) {1}에서만 듣고 있습니다: 외부에서는 접속할 수 없습니다.";
      case PORT_NOT_LISTENING -> "이 머신의 포트 {0}에서 듣고 있는 프로세스가 없습니다.";
    };
  }

  private static String nextStepTemplate(Finding finding) {
    return switch (finding) {
      case HEALTHY -> "고칠 것이 없습니다. 그래도 사용자가 접속하지 못하면 사용자 쪽 네트워크에서 다른 리졸버로 DNS를 비교해 보세요.";
      case INCOMPLETE -> "빠진 netprobe 백엔드를 클래스패스에 추가하거나 진단 제한 시간을 늘리세요.";
      case LOCAL_RESOURCES -> "사이트에 대해서는 아직 알 수 없습니다: 이 머신의 파일 디스크립터나 포트를 확보하고 (ulimit -n, "
          + "동시 프로브 줄이기) 다시 진단하세요.";
      case OFFLINE -> "이 머신의 연결, 기본 라우트, 방화벽을 확인하세요 (ip route, 게이트웨이로 ping).";
      case HOST_UNREACHABLE -> "traceroute {0}로 패킷이 어디서 멈추는지 보세요.";
      case NXDOMAIN -> "DNS 제공자의 레코드와 도메인 등록·위임 상태를 확인하세요 (dig NS).";
      case NO_ADDRESS -> "DNS 제공자에서 {0}의 A(또는 AAAA) 레코드를 추가하세요.";
      case DNS_SERVER_FAILURE -> "다른 리졸버에 물어보세요 (dig @1.1.1.1 {0}). 그것도 실패하면 도메인의 네임서버와 DNSSEC을 "
          + "확인하세요.";
      case DNS_STALE_ANSWER -> "로컬 DNS 캐시를 비우거나 (resolvectl flush-caches, 또는 캐싱 리졸버 재시작) 레코드의 TTL이 "
          + "지나기를 기다리세요. 계속되면 아직 {1}을(를) 주는 서버를 찾으세요 (dig {0}; dig @{3} {0}; /etc/hosts 확인).";
      case DNS_TIMEOUT -> "/etc/resolv.conf와 그 리졸버가 응답하는지 확인하세요 (dig {0}).";
      case TLS_EXPIRED -> "인증서를 갱신하고 (certbot renew 또는 CDN 엣지 인증서) 웹 서버를 다시 읽히세요.";
      case TLS_NOT_YET_VALID -> "이 머신과 서버의 시계, 인증서 시작 날짜를 확인하세요.";
      case TLS_UNTRUSTED -> "공인 CA가 발급한 인증서를 중간 인증서까지 포함한 전체 체인으로 제공하세요.";
      case TLS_HOSTNAME_MISMATCH -> "{0}을(를) 포함하는 인증서를 발급하거나, 잘못된 인증서를 내보내는 서버 블록(SNI)을 고치세요.";
      case TLS_HANDSHAKE -> "서버의 TLS 설정을 확인하세요: openssl s_client -connect {0}:443 -servername {0}";
      case ORIGIN_CERTIFICATE_EXPIRED -> "오리진의 인증서를 갱신하고 (certbot renew 또는 CDN이 발급하는 새 오리진 인증서) 웹 "
          + "서버를 다시 읽히세요. 엣지가 그 인증서를 검증합니다 (SSL 모드 Full (strict)).";
      case ORIGIN_CERTIFICATE_NOT_YET_VALID -> "오리진의 시계와 인증서 시작 날짜를 확인하고, 지금 유효한 인증서를 설치하세요.";
      case ORIGIN_CERTIFICATE_UNTRUSTED -> "엣지가 신뢰하는 인증서를 오리진에 설치하세요: 전체 체인을 갖춘 공인 CA 인증서나 "
          + "CDN의 오리진 인증서 (Cloudflare Origin CA). 그다음 웹 서버를 다시 읽히세요.";
      case ORIGIN_CERTIFICATE_WRONG_NAME -> "{4}을(를) 포함하는 인증서를 오리진에 설치하거나, 잘못된 인증서를 내보내는 오리진의 "
          + "서버 블록(SNI)을 고치세요.";
      case ORIGIN_CERTIFICATE_REJECTED -> "오리진의 인증서를 확인하고 (openssl s_client -connect ORIGIN:443 -servername {2}, "
          + "또는 --origin 주소) {2}에 유효한 공인 CA 또는 CDN 오리진 CA 인증서로 갱신·교체하세요.";
      case ORIGIN_TLS_HANDSHAKE_FAILED -> "오리진이 포트 443에서 {2}에 대해 (SNI) 현재의 프로토콜과 암호로 TLS를 제공하게 "
          + "하세요 (openssl s_client -connect ORIGIN:443 -servername {2}). 오리진에 TLS가 없다면 CDN의 SSL 모드를 맞추세요.";
      case EDGE_ORIGIN_DNS_ERROR -> "CDN의 DNS 설정에서 오리진 레코드 (CDN이 오리진으로 찾는 이름이나 CNAME)와 그 이름이 "
          + "공개 DNS에서 풀리는지 확인하세요.";
      case ORIGIN_INVALID_RESPONSE_BEHIND_EDGE -> "그 시각의 오리진 웹 서버와 애플리케이션 로그에서 크래시나 끊긴 연결을 "
          + "찾고, 너무 큰 응답 헤더나 쿠키가 없는지 확인하세요.";
      case ORIGIN_TOO_SLOW_BEHIND_EDGE -> "오리진 로그에서 느린 요청을 찾으세요 (요청 시간, 애플리케이션, 데이터베이스). 오래 "
          + "걸리는 작업은 백그라운드 작업으로 옮기세요.";
      case EDGE_UNREACHABLE -> "CDN 상태 페이지와, DNS 레코드가 여전히 CDN을 가리키는지 확인하세요.";
      case EDGE_CANNOT_REACH_ORIGIN -> "오리진의 웹 서버가 CDN이 쓰는 포트 (Full SSL 모드는 443, Flexible은 80)에서 "
          + "동작하는지, 방화벽이 CDN 주소 대역을 허용하는지, CDN이 올바른 오리진 주소를 가리키는지 확인하세요. --origin 주소로 "
          + "오리진을 직접 확인해 보세요.";
      case EDGE_CANNOT_REACH_HEALTHY_ORIGIN -> "오리진 방화벽에서 CDN 주소 대역을 허용하고, CDN이 이 오리진 주소와 오리진이 "
          + "제공하는 포트 (Full SSL 모드는 443, Flexible은 80)를 쓰는지 확인하세요.";
      case EDGE_CHALLENGE -> "브라우저는 챌린지를 통과할 수 있습니다. 자동 점검이 통과해야 한다면 CDN의 WAF/봇 설정에서 이 "
          + "클라이언트를 허용하세요.";
      case EDGE_REDIRECT_LOOP -> "CDN의 SSL 모드를 Full (strict)로 바꾸거나 오리진의 http→https 리다이렉트를 끄세요.";
      case ORIGIN_ERROR_BEHIND_EDGE, ORIGIN_SERVER_ERROR ->
          "애플리케이션과 웹 서버 로그를 확인하세요 (journalctl, nginx error.log).";
      case ORIGIN_DOWN_BEHIND_EDGE -> "오리진의 웹 서버를 시작하거나 고치세요 (systemctl status nginx, 서버에서 ss -tulnp). "
          + "동작 중이라면 오리진의 방화벽을 확인하세요.";
      case ORIGIN_REFUSED -> "웹 서버를 시작하거나 어느 포트에서 듣는지 확인하세요 (서버에서 ss -tulnp).";
      case ORIGIN_TIMEOUT -> "포트 {1}에 대한 방화벽·보안 그룹과 서버 과부하 여부를 확인하세요.";
      case ORIGIN_BROKEN_RESPONSE -> "그 포트가 HTTP(S)를 제공하는지, 웹 서버 에러 로그를 확인하세요.";
      case REDIRECT_LOOP -> "curl -IL로 따라가 보고 되돌려 보내는 규칙을 고치세요.";
      case HTTP_CLIENT_ERROR -> "URL 경로와 애플리케이션의 라우트나 가상 호스트를 확인하세요.";
      case ACCESS_DENIED -> "사이트의 공개 URL로 진단하거나, 이 URL에 필요한 인증과 접근 규칙을 확인하세요.";
      case PORT_LOOPBACK_ONLY -> "서버를 0.0.0.0에 바인드하거나 (예: runserver 0.0.0.0:{0}) 앞에 리버스 프록시를 두세요.";
      case PORT_NOT_LISTENING -> "서버를 시작하거나 설정된 포트를 확인하세요 (ss -tulnp).";
    };
  }

  private static String noteTemplate(Remark remark) {
    return switch (remark) {
      case ICMP_FILTERED -> "{0}은(는) ping에 응답하지 않지만 TCP 포트 {1}은(는) 연결을 받습니다: ICMP만 막혀 있고 호스트는 "
          + "살아 있습니다.";
      case TARGET_UNREACHABLE -> "{0}은(는) ping에도 TCP에도 응답하지 않았지만 이 머신은 온라인입니다 (다른 주소가 "
          + "응답함): 방화벽이 막고 있을 수 있습니다.";
      case RESOLVERS_DISAGREE -> "{0}에 대해 이 머신의 리졸버는 {2}, {1}은(는) {3}을(를) 답합니다: 오래된 캐시, 스플릿 DNS "
          + "또는 최근 변경 때문일 수 있습니다.";
      case NOT_IN_DNS -> "{0}은(는) DNS에 없고, 시스템 리졸버가 다른 곳(/etc/hosts 등)에서 찾았습니다.";
      case CERTIFICATE_EXPIRES_SOON -> "{0}의 인증서가 {1}일 후 만료됩니다.";
      case PORT_LOOPBACK_ONLY -> "포트 {0}은(는) {1}에서만 듣고 있습니다: 외부에서는 접속할 수 없습니다.";
      case PORT_NOT_LISTENING -> "이 머신의 포트 {0}에서 듣고 있는 프로세스가 없습니다.";
      case ORIGIN_DIRECT_FAILED -> "엣지는 정상인데 오리진 {0}은(는) 직접 응답하지 않습니다 ({1}): 방화벽이 CDN만 허용한다면 "
          + "정상입니다.";
      case CHECK_SKIPPED -> "{0}은(는) 실행되지 않았습니다: {1}.";
    };
  }
}
