package io.pushproxy.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A failure analyzer that turns an {@link InvalidSettingException} into the one line an
 * operator needs, instead of a binding stack trace.
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
				"Set " + InvalidSettingException.environmentName(cause.property())
						+ " (see the configuration table in README.md) and start again.",
				cause);
	}

}
