//! Status enums. Each has an `Other` arm so a value DigiCert adds later never breaks a client.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, kept as received.
            Other(String),
        }

        impl $name {
            /// Every value this version knows, as DigiCert spells them.
            pub const KNOWN: &'static [&'static str] = &[$($wire,)*];

            /// The value as DigiCert spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(s) => s,
                }
            }

            /// Parses a wire value; unknown values become `Other`.
            pub fn parse(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(Self::parse(&s))
            }
        }
    };
}

string_enum! {
    /// Status of a request (`requests[].status`).
    RequestStatus {
        /// Waiting for approval.
        Pending => "pending",
        /// Submitted for validation (approval skipped).
        Submitted => "submitted",
        /// Approved.
        Approved => "approved",
        /// Rejected.
        Rejected => "rejected",
    }
}

string_enum! {
    /// Status of an order (`GET /order/certificate/{id}`).
    OrderStatus {
        /// Waiting for an administrator's approval.
        NeedsApproval => "needs_approval",
        /// Approved; validation in progress.
        Pending => "pending",
        /// Being issued.
        Processing => "processing",
        /// Issued.
        Issued => "issued",
        /// Rejected by an approver.
        Rejected => "rejected",
        /// Canceled.
        Canceled => "canceled",
        /// Revoked.
        Revoked => "revoked",
        /// Expired.
        Expired => "expired",
        /// Waiting for pickup.
        WaitingPickup => "waiting_pickup",
        /// A reissue is pending.
        ReissuePending => "reissue_pending",
    }
}

impl OrderStatus {
    /// True for the states `wait_for_issuance` stops at: issued, rejected, canceled, revoked,
    /// expired.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Issued | Self::Rejected | Self::Canceled | Self::Revoked | Self::Expired
        )
    }
}

/// The decision for `PUT /request/{id}/status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestDecision {
    /// Approve the request.
    Approved,
    /// Reject the request.
    Rejected,
}

impl RequestDecision {
    /// The value as DigiCert spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// Parses `approved` / `rejected` (also `approve` / `reject`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "approved" | "approve" => Some(Self::Approved),
            "rejected" | "reject" => Some(Self::Rejected),
            _ => None,
        }
    }
}

impl fmt::Display for RequestDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
