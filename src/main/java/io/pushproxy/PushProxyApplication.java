package io.pushproxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** The Agora Chat offline-push proxy. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
public class PushProxyApplication {

	public static void main(String[] args) {
		SpringApplication.run(PushProxyApplication.class, args);
	}

}
