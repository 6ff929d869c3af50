#!/usr/bin/env bash
# Provision the Kotlin/JVM binding toolchain: check Java 17 + Maven, and prefetch into the local
# Maven repository (~/.m2/repository) every plugin and dependency that a build based on
# scripts/provision/pom-template.xml needs, so that later builds (also `mvn -o`) need no network.
#
# How: `dependency:go-offline` alone is NOT enough (Surefire resolves its JUnit Platform provider
# and launcher, and Maven 3.8 a plexus-utils, only when tests actually run), so this script builds
# and tests a tiny probe project made from the template: a Kotlin main + a JUnit 5 test calling a
# gcc-built lib*.so through JNA, packaged in the jar under linux-x86-64/. It then checks that the
# jar loads the library from inside itself, and that `mvn -o clean verify` passes.
#
# Idempotent: a stamp in the local repository records the hash of the template + versions file;
# when it matches and the key jars are there, nothing runs (milliseconds).
# Environment knobs:
#   M2_REPO   local Maven repository (default: ~/.m2/repository; passed as -Dmaven.repo.local)
#   KOTLIN_PROVISION_FORCE=1   redo the prefetch even if the stamp matches
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { printf '[provision/kotlin] %s\n' "$*" >&2; }
die() { printf '[provision/kotlin] ERROR: %s\n' "$*" >&2; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATE=$HERE/pom-template.xml
VERSIONS=$HERE/kotlin-versions.txt
[ -f "$TEMPLATE" ] || die "missing $TEMPLATE"
[ -f "$VERSIONS" ] || die "missing $VERSIONS"

ver() {  # ver NAME -> value from kotlin-versions.txt
    local v
    v=$(sed -n "s/^$1=//p" "$VERSIONS" | head -n 1)
    [ -n "$v" ] || die "no '$1=' line in $VERSIONS"
    printf '%s' "$v"
}

# --- 1. toolchain: Java 17 (JDK) and Maven --------------------------------------------------
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    log "Maven and/or a JDK missing: installing openjdk-17-jdk-headless + maven with apt-get"
    [ "$(id -u)" = 0 ] || die "need root to install openjdk-17-jdk-headless maven"
    { apt-get update -q && apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven; } >&2 \
        || die "cannot install openjdk-17-jdk-headless / maven with apt-get"
fi
command -v mvn >/dev/null 2>&1 || die "mvn not found"
command -v javac >/dev/null 2>&1 || die "javac (a JDK) not found"
MVN_V=$(mvn -v 2>&1 | sed 's/\x1b\[[0-9;]*m//g') || die "mvn -v failed: $MVN_V"
MVN_JAVA_HOME=$(printf '%s\n' "$MVN_V" | sed -n 's/^Java version: .*runtime: //p')
MVN_VERSION=$(printf '%s\n' "$MVN_V" | sed -n 's/^Apache Maven \([0-9.]*\).*/\1/p')
JAVA_MAJOR=$(java_major "$MVN_JAVA_HOME/bin/java")
[ "$JAVA_MAJOR" = "$(ver java)" ] || die "Maven runs on Java $JAVA_MAJOR ($MVN_JAVA_HOME); Java $(ver java) is" \
    "required (set JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 or apt-get install openjdk-17-jdk-headless)"
[ "$(printf '%s\n%s\n' "$(ver maven-min)" "$MVN_VERSION" | sort -V | head -n 1)" = "$(ver maven-min)" ] \
    || die "Maven $MVN_VERSION is older than the verified minimum $(ver maven-min)"

# --- 2. template and versions file must agree ------------------------------------------------
check_tpl() { grep -q -- "$1" "$TEMPLATE" || die "pom-template.xml does not contain '$1' ($VERSIONS disagrees)"; }
check_tpl "<kotlin.version>$(ver kotlin)</kotlin.version>"
[ "$(ver kotlin-maven-plugin)" = "$(ver kotlin)" ] && [ "$(ver kotlin-stdlib)" = "$(ver kotlin)" ] \
    || die "kotlin, kotlin-maven-plugin and kotlin-stdlib must be the same version in $VERSIONS"
check_tpl "<jna.version>$(ver jna)</jna.version>"
check_tpl "<junit.version>$(ver junit-jupiter)</junit.version>"
for p in maven-surefire-plugin maven-jar-plugin maven-resources-plugin maven-compiler-plugin \
    maven-clean-plugin maven-install-plugin maven-deploy-plugin maven-dependency-plugin exec-maven-plugin; do
    check_tpl "<artifactId>$p</artifactId><version>$(ver "$p")</version>"
done

# --- 3. cache check ---------------------------------------------------------------------------
REPO=${M2_REPO:-$HOME/.m2/repository}
MVN_OPTS=(-B -ntp)
[ -n "${M2_REPO:-}" ] && MVN_OPTS+=("-Dmaven.repo.local=$M2_REPO")
STAMP=$REPO/.certcentral-kotlin-prefetch.stamp
WANT="$(cat "$TEMPLATE" "$VERSIONS" | sha256sum | cut -d' ' -f1) java$JAVA_MAJOR maven$MVN_VERSION"
K=$(ver kotlin)
KEY_JARS=(
    "org/jetbrains/kotlin/kotlin-maven-plugin/$K/kotlin-maven-plugin-$K.jar"
    "org/jetbrains/kotlin/kotlin-compiler-embeddable/$K/kotlin-compiler-embeddable-$K.jar"
    "org/jetbrains/kotlin/kotlin-stdlib/$K/kotlin-stdlib-$K.jar"
    "net/java/dev/jna/jna/$(ver jna)/jna-$(ver jna).jar"
    "org/junit/jupiter/junit-jupiter-engine/$(ver junit-jupiter)/junit-jupiter-engine-$(ver junit-jupiter).jar"
    "org/apache/maven/surefire/surefire-junit-platform/$(ver maven-surefire-plugin)/surefire-junit-platform-$(ver maven-surefire-plugin).jar"
)
key_jars_present() { local j; for j in "${KEY_JARS[@]}"; do [ -f "$REPO/$j" ] || return 1; done; }
if [ "${KOTLIN_PROVISION_FORCE:-0}" != 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && key_jars_present; then
    log "cached Maven prefetch OK ($REPO): Kotlin $K, JNA $(ver jna), JUnit $(ver junit-jupiter); Maven $MVN_VERSION on Java $JAVA_MAJOR"
    exit 0
fi

# --- 4. probe project: build, test, package, run from the jar, then again offline ---------------
command -v gcc >/dev/null 2>&1 || die "gcc is needed for the probe's native library: run scripts/provision/c.sh first"
t0=$(date +%s)
WORK=$(mktemp -d /tmp/certcentral-kotlin-probe.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
log "prefetching Maven plugins/dependencies with a probe project in $WORK"
P=$WORK/probe
mkdir -p "$P/native" "$P/src/main/kotlin/probe" "$P/src/test/kotlin/probe"
cp "$TEMPLATE" "$P/pom.xml"
cat >"$WORK/probe.c" <<'EOF'
#include <stdint.h>
#include <string.h>
int32_t probe_add(int32_t a, int32_t b) { return a + b; }
int32_t probe_len(const char *s) { return s ? (int32_t)strlen(s) : -1; }
EOF
gcc -std=c11 -Wall -Wextra -Werror -pedantic -shared -fPIC "$WORK/probe.c" -o "$P/native/libcertcentral_probe.so" \
    || die "gcc could not build the probe library"
cat >"$P/src/main/kotlin/probe/Probe.kt" <<'EOF'
package probe

import com.sun.jna.Library
import com.sun.jna.Native

interface ProbeLib : Library {
    fun probe_add(a: Int, b: Int): Int
    fun probe_len(s: String?): Int
}

object Probe {
    val lib: ProbeLib by lazy { Native.load("certcentral_probe", ProbeLib::class.java) }
}

fun main() {
    println("probe add=${Probe.lib.probe_add(40, 2)} len=${Probe.lib.probe_len("certcentral")}")
}
EOF
cat >"$P/src/test/kotlin/probe/ProbeTest.kt" <<'EOF'
package probe

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class ProbeTest {
    @Test
    fun addsThroughJna() = assertEquals(42, Probe.lib.probe_add(40, 2))

    @Test
    fun passesStrings() {
        assertEquals(11, Probe.lib.probe_len("certcentral"))
        assertEquals(-1, Probe.lib.probe_len(null))
    }
}
EOF

run_mvn() {  # run_mvn LOGNAME ARGS... ; full output in $WORK/LOGNAME.log, shown on failure
    local name=$1; shift
    (cd "$P" && mvn "${MVN_OPTS[@]}" "$@") >"$WORK/$name.log" 2>&1 || {
        tail -n 40 "$WORK/$name.log" >&2
        die "mvn $* failed (Maven Central reachable? versions still served?)"
    }
}
expect_tests() {
    grep -q 'Tests run: 2, Failures: 0, Errors: 0, Skipped: 0' "$WORK/$1.log" \
        || { tail -n 40 "$WORK/$1.log" >&2; die "Surefire did not report 'Tests run: 2, Failures: 0' in $1"; }
}

# Online: full lifecycle up to verify + everything go-offline knows + the plugins used below.
run_mvn online clean verify dependency:go-offline dependency:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime
expect_tests online
JAR=$(ls "$P"/target/*.jar 2>/dev/null | head -n 1)
[ -n "$JAR" ] || die "no jar built"
unzip -l "$JAR" | grep -q 'linux-x86-64/libcertcentral_probe.so' || die "the jar lacks linux-x86-64/libcertcentral_probe.so"

# JNA must load the library from inside the jar (no jna.library.path, no LD_LIBRARY_PATH).
OUT=$(cd "$WORK" && env -u LD_LIBRARY_PATH java -Djna.debug_load=true -cp "$JAR:$(cat "$WORK/classpath.txt")" \
    probe.ProbeKt 2>"$WORK/jar-run.err") || { cat "$WORK/jar-run.err" >&2; die "running the probe from its jar failed"; }
[ "$OUT" = "probe add=42 len=11" ] || die "unexpected probe output: $OUT"
grep -q "Found library resource at jar:file:.*!/linux-x86-64/libcertcentral_probe.so" "$WORK/jar-run.err" \
    || { cat "$WORK/jar-run.err" >&2; die "JNA did not load the library from inside the jar"; }

# exec-maven-plugin (for running a Kotlin main from Maven): prefetch it by using it once.
run_mvn exec exec:exec -Dexec.executable=java "-Dexec.args=-cp %classpath probe.ProbeKt"
grep -q 'probe add=42 len=11' "$WORK/exec.log" || die "exec:exec did not run the probe"

# Offline: the same build must now work with no network at all.
run_mvn offline -o clean verify
expect_tests offline

mkdir -p "$REPO"
echo "$WANT" >"$STAMP"
log "Maven prefetch done in $(($(date +%s) - t0)) s: Kotlin $K, JNA $(ver jna), JUnit $(ver junit-jupiter)," \
    "Surefire $(ver maven-surefire-plugin); Maven $MVN_VERSION on Java $JAVA_MAJOR; 'mvn -o' verified"
