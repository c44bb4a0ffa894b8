package io.pushproxy.push;

import io.pushproxy.security.Caller;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;

/**
 * Keeps the resolved {@link Caller} out of the OpenAPI document: it comes from the token,
 * not the request.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

}
