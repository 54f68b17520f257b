/**
 * The contract test kit: abstract JUnit 5 classes that every backend's tests extend, so that all backends — real
 * and fake — agree on the failure model, deadlines and argument checks.
 */
@ParametersAreNonnullByDefault
package io.netprobe.testing.contract;

import javax.annotation.ParametersAreNonnullByDefault;
