package io.pushproxy.web;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat tuned so that no refusal is an HTML page: an encoded slash ({@code %2F}) passes
 * through undecoded (never as a path separator) so that Spring Security's firewall
 * refuses it with a problem+json answer, and what Tomcat refuses by itself is reported by
 * {@link ProblemErrorReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

	@Bean
	TomcatContextCustomizer problemAnswersFromTomcatItself() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		};
	}

	@Bean
	TomcatConnectorCustomizer encodedSlashesReachTheFirewall() {
		return (connector) -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}

}
