//! `certcentral_client_config`: the settings a client is built from.

use std::ffi::c_char;
use std::time::Duration;

use certcentral::{ApiKey, ClientConfig, Endpoint, RateLimitPolicy, Region};

use crate::ffi::{FfiError, Out, boxed, free_boxed, mut_arg, run, str_arg};
use crate::result::certcentral_result;

/// Client settings: API key, endpoint (region or base URL), timeouts, retries, rate limiting.
/// Made by `certcentral_client_config_new`, freed by `certcentral_client_config_free`.
///
/// The defaults: region `us`, no API key (set one), 10 s connect timeout, 60 s request
/// timeout, 3 retries of calls that are safe to repeat, DigiCert's rate limits enforced by the
/// client, the proxy from `HTTPS_PROXY`/`ALL_PROXY` (never for loopback). A config is not
/// thread-safe: do not change it while another thread uses it.
pub struct certcentral_client_config {
    pub(crate) inner: ClientConfig,
}

/// Makes a configuration with the defaults and writes it to `*config_out`; free it with
/// `certcentral_client_config_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_new(
    config_out: *mut *mut certcentral_client_config,
) -> certcentral_result {
    run(|| {
        let out = Out::new(config_out, "config_out")?;
        let inner = ClientConfig::new(ApiKey::new(""));
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write(boxed(certcentral_client_config { inner })) };
        Ok(())
    })
}

/// Sets the API key (sent as `X-DC-DEVKEY`; surrounding whitespace is removed). The key is
/// never shown in any message of the library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_api_key(
    config: *mut certcentral_client_config,
    api_key: *const c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract for both pointers.
        let config = unsafe { mut_arg(config, "config") }?;
        let key = unsafe { str_arg(api_key, "api_key") }?;
        config.inner.api_key = ApiKey::new(key);
        Ok(())
    })
}

/// Sends requests to a base URL ending in `/services/v2` instead of a region: HTTPS, or plain
/// HTTP to loopback only (the sandbox). The URL is checked by `certcentral_client_new`
/// (CONFIG).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_base_url(
    config: *mut certcentral_client_config,
    base_url: *const c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract for both pointers.
        let config = unsafe { mut_arg(config, "config") }?;
        let url = unsafe { str_arg(base_url, "base_url") }?;
        config.inner.endpoint = Endpoint::BaseUrl(url.to_owned());
        Ok(())
    })
}

/// Sends requests to a DigiCert region: `"us"` (`https://www.digicert.com/services/v2`, the
/// default) or `"eu"` (`https://certcentral.digicert.eu/services/v2`), case-insensitive.
/// Anything else is CONFIG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_region(
    config: *mut certcentral_client_config,
    region: *const c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract for both pointers.
        let config = unsafe { mut_arg(config, "config") }?;
        let region = Region::parse(unsafe { str_arg(region, "region") }?)?;
        config.inner.endpoint = Endpoint::Region(region);
        Ok(())
    })
}

fn millis(ms: u64, what: &str) -> Result<Duration, FfiError> {
    if ms == 0 {
        return Err(FfiError::invalid(format!("{what} must be at least 1 ms")));
    }
    Ok(Duration::from_millis(ms))
}

/// Sets the time one whole request may take, from connecting to the last byte of the answer,
/// in milliseconds (default 60000). 0 is INVALID_ARGUMENT.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_timeout_ms(
    config: *mut certcentral_client_config,
    timeout_ms: u64,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let config = unsafe { mut_arg(config, "config") }?;
        config.inner.timeout = millis(timeout_ms, "timeout_ms")?;
        Ok(())
    })
}

/// Sets the time to establish a connection (TCP and TLS) in milliseconds (default 10000).
/// 0 is INVALID_ARGUMENT.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_connect_timeout_ms(
    config: *mut certcentral_client_config,
    timeout_ms: u64,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let config = unsafe { mut_arg(config, "config") }?;
        config.inner.connect_timeout = millis(timeout_ms, "timeout_ms")?;
        Ok(())
    })
}

/// Sets how many times a failed call is retried (default 3; 0 = no retry). Calls that are
/// safe to repeat are retried after transport errors, HTTP 429 and 502-504, with jittered
/// exponential backoff honouring `Retry-After`; a submit is retried only when the server
/// provably did not take it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_max_retries(
    config: *mut certcentral_client_config,
    max_retries: u32,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let config = unsafe { mut_arg(config, "config") }?;
        config.inner.retry.max_attempts = max_retries.saturating_add(1);
        Ok(())
    })
}

/// Turns the client-side rate limiter on (the default: DigiCert's 100 requests per 5 s and
/// 1000 per 3 min, shared by every thread using one client) or off.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_rate_limit_enabled(
    config: *mut certcentral_client_config,
    enabled: bool,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let config = unsafe { mut_arg(config, "config") }?;
        config.inner.rate_limit = if enabled {
            RateLimitPolicy::default()
        } else {
            RateLimitPolicy::disabled()
        };
        Ok(())
    })
}

/// Appends a product token to the `User-Agent` (which always names certcentral and its
/// version), such as `"my-agent/1.2"`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_set_user_agent(
    config: *mut certcentral_client_config,
    user_agent: *const c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract for both pointers.
        let config = unsafe { mut_arg(config, "config") }?;
        let ua = unsafe { str_arg(user_agent, "user_agent") }?;
        config.inner.user_agent = Some(ua.to_owned());
        Ok(())
    })
}

/// Frees a configuration. NULL is a no-op. Clients made from it are not affected.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_config_free(config: *mut certcentral_client_config) {
    // SAFETY: the caller passes a config made by this library, once.
    unsafe { free_boxed(config) }
}
