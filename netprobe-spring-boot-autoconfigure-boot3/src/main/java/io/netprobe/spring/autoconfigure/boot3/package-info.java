/** The netprobe health contributor for Spring Boot 3.5's health API. */
@ParametersAreNonnullByDefault
package io.netprobe.spring.autoconfigure.boot3;

import javax.annotation.ParametersAreNonnullByDefault;
