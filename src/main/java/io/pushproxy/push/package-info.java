/**
 * The app-facing push API. Each feature has its own package ({@code settings},
 * {@code conversations}, {@code profile}, {@code templates}) holding its controller,
 * service and the values only it uses; this package holds what they share: the validated
 * values (username, push mode, quiet hours and their zone, language, display style), the
 * mapping from Agora's settings, {@code If-Match} preconditions and the parallel fan-out.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.push;

import org.jspecify.annotations.NullMarked;
