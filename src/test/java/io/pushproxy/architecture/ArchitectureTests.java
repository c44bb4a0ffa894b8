package io.pushproxy.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules the build enforces on the production code's shape, as Spring Framework's own
 * {@code ArchitectureCheck} does: packages depend on each other one way only, and case
 * conversion never depends on the machine's default locale.
 */
class ArchitectureTests {

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.pushproxy");

	/**
	 * No package cycle: {@code resilience} is keyed by plain operation names and
	 * {@code agora.token} by what it is given, so neither reads {@code agora}, which maps
	 * its properties onto both.
	 */
	@Test
	void packagesDependOnEachOtherOneWayOnly() {
		ArchRule rule = slices().matching("io.pushproxy.(**)").should().beFreeOfCycles();
		rule.check(PRODUCTION);
	}

	/**
	 * Each feature of the push API (app-level settings, conversations, the profile,
	 * templates, and those to come) lives in its own package under {@code push} and uses
	 * only the values {@code push} itself shares: a feature can change or go without
	 * touching another.
	 */
	@Test
	void pushFeaturesDoNotUseEachOther() {
		ArchRule rule = slices().matching("io.pushproxy.push.(*)..")
			.namingSlices("push feature '$1'")
			.should()
			.notDependOnEachOther()
			.because("what two features share belongs in io.pushproxy.push");
		rule.check(PRODUCTION);
	}

	@Test
	void theSharedPushPackageKnowsNoFeature() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("io.pushproxy.push")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.pushproxy.push.*..")
			.because("features use the shared values, not the other way round");
		rule.check(PRODUCTION);
	}

	/**
	 * One Redis link: the budgets, the caller quota and the read cache use
	 * {@code RedisLink}, and only its package opens a Lettuce client or connection.
	 */
	@Test
	void onlyTheRedisLinkConnectsToRedis() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage("io.pushproxy.redis")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.lettuce.core.RedisClient")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.lettuce.core.RedisURI")
			.because("every Redis user shares the one connection, state and fallback rule of RedisLink");
		rule.check(PRODUCTION);
	}

	@Test
	void caseConversionAlwaysNamesALocale() {
		ArchRule rule = noClasses().should()
			.callMethodWhere(localeLessCaseConversion())
			.because("String.toLowerCase() and toUpperCase() without a Locale depend on the machine's "
					+ "default locale (the Turkish dotless i); use Locale.ROOT");
		rule.check(PRODUCTION);
	}

	private static DescribedPredicate<JavaMethodCall> localeLessCaseConversion() {
		return DescribedPredicate.describe("String.toLowerCase() or toUpperCase() without a Locale",
				(call) -> call.getTargetOwner().isEquivalentTo(String.class)
						&& (call.getName().equals("toLowerCase") || call.getName().equals("toUpperCase"))
						&& call.getTarget().getRawParameterTypes().isEmpty());
	}

}
