/*
 * order_lifecycle.c - validate an order, and with an API key, submit it and follow it to an
 * issued certificate with the certcentral C library.
 *
 *   order_lifecycle ORDER.json [PRODUCT] [--approve]
 *
 * Environment: CERTCENTRAL_API_KEY (without it the order is only validated),
 * CERTCENTRAL_BASE_URL (default: the US region; the sandbox prints its own).
 * --approve approves the order's pending request with the same key (what an administrator
 * does in CertCentral; the sandbox's manual approval mode needs it).
 *
 * Build against an installed library (see bindings/c/README.md):
 *   cc -std=c11 order_lifecycle.c $(pkg-config --cflags --libs certcentral) -o order_lifecycle
 * or statically:
 *   cc -std=c11 order_lifecycle.c $(pkg-config --cflags certcentral) \
 *      "$(pkg-config --variable=libdir certcentral)/libcertcentral.a" \
 *      $(pkg-config --static --libs-only-l certcentral | sed 's/-lcertcentral//') -o order_lifecycle
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <certcentral.h>

/* Prints the calling thread's last error and returns 1. */
static int fail(const char *what, certcentral_result result) {
    char message[1024];
    size_t len = 0;
    /* A message longer than the buffer is cut (BUFFER_TOO_SMALL): fine for a diagnostic. */
    certcentral_last_error_message(message, sizeof message, &len);
    fprintf(stderr, "%s failed: %s (%d, HTTP %u): %s\n", what,
            certcentral_result_name((int)result), (int)result,
            (unsigned)certcentral_last_error_http_status(), message);
    if (result == CERTCENTRAL_RESULT_VALIDATION) {
        char *detail = NULL;
        if (certcentral_last_error_to_json(&detail) == CERTCENTRAL_RESULT_OK) {
            fprintf(stderr, "detail: %s\n", detail);
            certcentral_string_free(detail);
        }
    }
    return 1;
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long size;
    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
        (buf = malloc((size_t)size + 1)) == NULL) {
        fclose(f);
        return NULL;
    }
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[size] = '\0';
    fclose(f);
    return buf;
}

/* The value of a "status":"..." member in JSON text (enough for this example). */
static int status_is(const char *json, const char *status) {
    char needle[64];
    snprintf(needle, sizeof needle, "\"status\":\"%s\"", status);
    return json != NULL && strstr(json, needle) != NULL;
}

int main(int argc, char **argv) {
    const char *order_path = NULL, *product = "ssl_securesite_pro";
    const char *api_key = getenv("CERTCENTRAL_API_KEY");
    const char *base_url = getenv("CERTCENTRAL_BASE_URL");
    int approve = 0, i, status = 1;
    char *order = NULL, *report = NULL, *info = NULL, *pem = NULL;
    certcentral_client_config *config = NULL;
    certcentral_client *client = NULL;
    certcentral_order_response *response = NULL;
    certcentral_result r;
    uint64_t order_id, request_id = 0, certificate_id = 0;
    const char *p;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--approve") == 0) {
            approve = 1;
        } else if (order_path == NULL) {
            order_path = argv[i];
        } else {
            product = argv[i];
        }
    }
    if (order_path == NULL) {
        fprintf(stderr, "usage: %s ORDER.json [PRODUCT] [--approve]\n", argv[0]);
        return 2;
    }
    printf("certcentral %s (header %s)\n", certcentral_version(), CERTCENTRAL_VERSION);
    if ((order = read_file(order_path)) == NULL) {
        fprintf(stderr, "cannot read %s\n", order_path);
        return 1;
    }

    /* 1. Validate: the verdict is data. */
    r = certcentral_validate_order_json(product, order, &report);
    if (r != CERTCENTRAL_RESULT_OK) {
        status = fail("validate", r);
        goto done;
    }
    printf("verdict: %s\n", report);
    if (strstr(report, "\"valid\":true") == NULL) {
        goto done;
    }
    if (api_key == NULL) {
        printf("CERTCENTRAL_API_KEY is not set: validated only\n");
        status = 0;
        goto done;
    }

    /* 2. A client. */
    if ((r = certcentral_client_config_new(&config)) != CERTCENTRAL_RESULT_OK ||
        (r = certcentral_client_config_set_api_key(config, api_key)) != CERTCENTRAL_RESULT_OK ||
        (base_url != NULL &&
         (r = certcentral_client_config_set_base_url(config, base_url)) != CERTCENTRAL_RESULT_OK) ||
        (r = certcentral_client_new(config, &client)) != CERTCENTRAL_RESULT_OK) {
        status = fail("client setup", r);
        goto done;
    }

    /* 3. Submit. OUTCOME_UNKNOWN would mean: look it up before ordering again. */
    if ((r = certcentral_client_submit_order_json(client, product, order, &response)) !=
        CERTCENTRAL_RESULT_OK) {
        status = fail("submit", r);
        goto done;
    }
    order_id = certcentral_order_response_id(response);
    printf("order %llu submitted, %zu request(s)\n", (unsigned long long)order_id,
           certcentral_order_response_requests_len(response));
    if (certcentral_order_response_certificate_id(response, &certificate_id)) {
        printf("certificate id %llu assigned at once\n", (unsigned long long)certificate_id);
    }

    /* 4. Approve the pending request, if asked to. */
    if (approve && certcentral_order_response_requests_len(response) > 0) {
        char *request_status = NULL;
        if ((r = certcentral_order_response_request_id(response, 0, &request_id)) !=
                CERTCENTRAL_RESULT_OK ||
            (r = certcentral_order_response_request_status(response, 0, &request_status)) !=
                CERTCENTRAL_RESULT_OK) {
            status = fail("reading the response", r);
            goto done;
        }
        if (strcmp(request_status, "pending") == 0) {
            r = certcentral_client_update_request_status(client, request_id, "approved",
                                                         "approved by order_lifecycle.c");
            if (r != CERTCENTRAL_RESULT_OK) {
                certcentral_string_free(request_status);
                status = fail("approve", r);
                goto done;
            }
            printf("request %llu approved\n", (unsigned long long)request_id);
        }
        certcentral_string_free(request_status);
    }

    /* 5. Wait for issuance (2 minutes at most, polling every 500 ms). */
    if ((r = certcentral_client_wait_for_issuance(client, order_id, 120000, 500, &info)) !=
        CERTCENTRAL_RESULT_OK) {
        status = fail("wait for issuance", r);
        goto done;
    }
    if (!status_is(info, "issued")) {
        fprintf(stderr, "the order ended without a certificate: %s\n", info);
        goto done;
    }
    /* The certificate id is the "id" inside "certificate". */
    p = strstr(info, "\"certificate\":{\"id\":");
    if (p == NULL) {
        fprintf(stderr, "no certificate id in %s\n", info);
        goto done;
    }
    certificate_id = strtoull(p + strlen("\"certificate\":{\"id\":"), NULL, 10);

    /* 6. Download the chain. */
    if ((r = certcentral_client_download_chain_pem(client, certificate_id, &pem)) !=
        CERTCENTRAL_RESULT_OK) {
        status = fail("download", r);
        goto done;
    }
    {
        size_t certs = 0;
        for (p = pem; (p = strstr(p, "-----BEGIN CERTIFICATE-----")) != NULL; p++) {
            certs++;
        }
        printf("order %llu issued: certificate %llu, chain of %zu certificates\n",
               (unsigned long long)order_id, (unsigned long long)certificate_id, certs);
        status = certs >= 2 ? 0 : 1;
    }

done:
    certcentral_string_free(pem);
    certcentral_string_free(info);
    certcentral_string_free(report);
    certcentral_order_response_free(response);
    certcentral_client_free(client);
    certcentral_client_config_free(config);
    free(order);
    return status;
}
