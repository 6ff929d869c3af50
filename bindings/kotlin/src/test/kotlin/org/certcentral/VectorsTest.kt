package org.certcentral

import java.io.File
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail

/**
 * Every shared vector (each .json file of tests/vectors), one JUnit test per case: `valid` must match, and
 * violations and warnings are compared as multisets of (path, code) (tests/vectors/README.md).
 * The order goes to validateOrderJson as JSON text; kotlinx-serialization keeps every number's
 * literal, so `1.0` stays a float.
 */
class VectorsTest {
    private fun pairs(list: JsonElement?): List<String> =
        (list as? JsonArray).orEmpty()
            .map { val o = it.jsonObject; "(${o["path"]!!.jsonPrimitive.content}, ${o["code"]!!.jsonPrimitive.content})" }
            .sorted()

    private fun pairs(list: List<Violation>): List<String> = list.map { "(${it.path}, ${it.code})" }.sorted()

    /** What is in `a` and not in `b`, as multisets. */
    private fun minus(a: List<String>, b: List<String>): List<String> {
        val rest = b.toMutableList()
        return a.filter { !rest.remove(it) }
    }

    @TestFactory
    fun everyVector(): List<DynamicContainer> {
        val files = Support.vectorsDir.listFiles { f: File -> f.name.endsWith(".json") }.orEmpty().sortedBy { it.name }
        assertTrue(files.isNotEmpty(), "no vectors in ${Support.vectorsDir}")
        return files.map { file ->
            val cases = Json.parseToJsonElement(file.readText()).jsonObject["cases"]!!.jsonArray
            DynamicContainer.dynamicContainer(file.name, cases.map { element ->
                val case = element.jsonObject
                val name = case["name"]!!.jsonPrimitive.content
                DynamicTest.dynamicTest("${file.name}: $name") {
                    val verdict = validateOrderJson(
                        case["order"].toString(),
                        case["product"]!!.jsonPrimitive.content,
                        case["today"]!!.jsonPrimitive.content,
                    )
                    val expect = case["expect"]!!.jsonObject
                    val problems = mutableListOf<String>()
                    val valid = expect["valid"]!!.jsonPrimitive.boolean
                    if (verdict.valid != valid) problems += "valid: expected $valid, got ${verdict.valid}"
                    for ((kind, want, got) in listOf(
                        Triple("violations", pairs(expect["violations"]), pairs(verdict.violations)),
                        Triple("warnings", pairs(expect["warnings"]), pairs(verdict.warnings)),
                    )) {
                        minus(want, got).takeIf { it.isNotEmpty() }?.let { problems += "missing $kind $it" }
                        minus(got, want).takeIf { it.isNotEmpty() }?.let { problems += "unexpected $kind $it" }
                    }
                    if (problems.isNotEmpty()) {
                        fail("${file.name}: $name: ${problems.joinToString("; ")}\n  messages: ${verdict.violations.map { it.message }}")
                    }
                }
            })
        }
    }
}
