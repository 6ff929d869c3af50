package org.certcentral

import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** One client shared by several threads: the blocking calls run concurrently and all succeed. */
class ThreadsTest {
    @Test
    fun oneClientManyThreads() {
        val threads = 8
        val perThread = 4
        Support.client().use { client ->
            val pool = Executors.newFixedThreadPool(threads)
            try {
                val tasks = (0 until threads).map { t ->
                    Callable {
                        (0 until perThread).map { i ->
                            val name = Support.uniqueName("t$t-$i")
                            val submitted = client.submitOrder("ssl_securesite_pro", Support.order(name))
                            val info = client.orderInfo(submitted.id)
                            assertEquals(name, info.certificate?.commonName)
                            submitted.id
                        }
                    }
                }
                val ids = pool.invokeAll(tasks, 120, TimeUnit.SECONDS).flatMap { it.get() }
                assertEquals(threads * perThread, ids.size)
                assertEquals(ids.size, ids.toSet().size, "every order got its own id: $ids")
            } finally {
                pool.shutdownNow()
                pool.awaitTermination(10, TimeUnit.SECONDS)
            }
        }
    }
}
