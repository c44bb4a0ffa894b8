package io.pushproxy.quota;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method whose request costs the caller one quota token per started
 * {@link #perToken()} items of the comma-separated query parameter {@link #parameter()},
 * counted over all its values (MVC joins repeated values into one list, so
 * {@code ?ids=a&ids=b} costs what {@code ?ids=a,b} does), at least one token and at most
 * {@link #maxTokens()}. Every other handler costs one token.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChargedPerItems {

	/** The query parameter holding the items. */
	String parameter();

	/** Items that one token pays for. */
	int perToken();

	/** The most a request costs (the price of the most items a request may hold). */
	int maxTokens();

}
