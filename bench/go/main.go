// The seed's Go sample (net/http, POST /order/certificate/ssl_securesite_pro) as a bench
// client for `cargo xtask bench`: the same request, sent with one kept-alive http.Client (the
// default transport), the body read to the end and decoded, one JSON line of per-call
// latencies printed. Standard library only.
//
// Usage: go-sample -url http://127.0.0.1:PORT/services/v2 -payload FILE [-key K]
// [-product P] [-calls N] [-warmup W]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

type orderResponse struct {
	ID       int64 `json:"id"`
	Requests []struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	} `json:"requests"`
}

func call(client *http.Client, url, payload, key string) {
	req, err := http.NewRequest("POST", url, strings.NewReader(payload))
	if err != nil {
		panic(err)
	}
	req.Header.Add("X-DC-DEVKEY", key)
	req.Header.Add("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		panic(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		panic(err)
	}
	if res.StatusCode != 201 {
		panic(fmt.Sprintf("HTTP %d: %s", res.StatusCode, body))
	}
	var parsed orderResponse
	if err := json.Unmarshal(body, &parsed); err != nil || parsed.ID != 112233 {
		panic(fmt.Sprintf("unexpected body %q (%v)", body, err))
	}
}

func main() {
	base := flag.String("url", "", "base URL, http://127.0.0.1:PORT/services/v2")
	payloadPath := flag.String("payload", "", "order body file")
	key := flag.String("key", "bench-key", "X-DC-DEVKEY")
	product := flag.String("product", "ssl_securesite_pro", "product id")
	calls := flag.Int("calls", 1000, "timed calls")
	warmup := flag.Int("warmup", 100, "untimed calls first")
	flag.Parse()
	raw, err := os.ReadFile(*payloadPath)
	if err != nil {
		panic(err)
	}
	payload := string(raw)
	url := *base + "/order/certificate/" + *product
	client := http.DefaultClient // kept alive: the default transport pools connections

	for i := 0; i < *warmup; i++ {
		call(client, url, payload, *key)
	}
	samples := make([]string, 0, *calls)
	start := time.Now()
	for i := 0; i < *calls; i++ {
		t := time.Now()
		call(client, url, payload, *key)
		samples = append(samples, fmt.Sprint(time.Since(t).Nanoseconds()))
	}
	wall := time.Since(start).Nanoseconds()
	fmt.Printf("{\"client\":\"go-net-http\",\"threads\":1,\"calls\":%d,\"wall_ns\":%d,\"samples_ns\":[%s]}\n",
		*calls, wall, strings.Join(samples, ","))
}
