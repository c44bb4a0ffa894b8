package io.pushproxy.support;

/** The App Key and credentials every test and the local sandbox use. */
public final class TestApp {

	public static final String ORG = "testorg";

	public static final String APP = "testapp";

	public static final String APP_ID = "970CA35de60c44645bbae8a215061b33";

	public static final String APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";

	/** The upstream path prefix {@code /{org}/{app}}. */
	public static final String PREFIX = "/" + ORG + "/" + APP;

	private TestApp() {
	}

}
