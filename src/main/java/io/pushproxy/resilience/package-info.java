/**
 * Budgets, circuit breakers and retries keyed by plain operation names; nothing here
 * knows the upstream API.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.resilience;

import org.jspecify.annotations.NullMarked;
