//! The contract's closed sets as database columns (feature `sqlx`, for the server): each is kept
//! as the text of its wire name, and a value that is not one of them fails to decode, naming the
//! type and the text, so a row that does not fit is an error and never a silent default.

/// Implement sqlx's `Type`, `Encode` and `Decode` for a type with `as_str(self) -> &'static str`
/// and `parse(&str) -> Option<Self>`, on every database whose text type these work for.
#[macro_export]
macro_rules! stored_as_text {
    ($($t:ty),+ $(,)?) => {$(
        impl<DB: $crate::stored::sqlx::database::Database> $crate::stored::sqlx::types::Type<DB> for $t
        where
            str: $crate::stored::sqlx::types::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as $crate::stored::sqlx::types::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as $crate::stored::sqlx::types::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: $crate::stored::sqlx::database::Database> $crate::stored::sqlx::decode::Decode<'r, DB> for $t
        where
            &'r str: $crate::stored::sqlx::decode::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as $crate::stored::sqlx::database::Database>::ValueRef<'r>,
            ) -> Result<Self, $crate::stored::sqlx::error::BoxDynError> {
                let text = <&'r str as $crate::stored::sqlx::decode::Decode<'r, DB>>::decode(value)?;
                <$t>::parse(text).ok_or_else(|| {
                    format!("{text:?} is not a {} this build knows", stringify!($t)).into()
                })
            }
        }

        impl<'q, DB: $crate::stored::sqlx::database::Database> $crate::stored::sqlx::encode::Encode<'q, DB> for $t
        where
            &'q str: $crate::stored::sqlx::encode::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as $crate::stored::sqlx::database::Database>::ArgumentBuffer<'q>,
            ) -> Result<$crate::stored::sqlx::encode::IsNull, $crate::stored::sqlx::error::BoxDynError> {
                <&'q str as $crate::stored::sqlx::encode::Encode<'q, DB>>::encode_by_ref(&self.as_str(), buf)
            }
        }
    )+};
}

#[doc(hidden)]
pub use sqlx_core as sqlx;

use crate::{ActivityKey, InvoicePurpose, InvoiceStatus, MailStatus, OrgRole, Region, TierId, TrackableType};

stored_as_text!(
    OrgRole,
    ActivityKey,
    TrackableType,
    InvoiceStatus,
    InvoicePurpose,
    MailStatus,
    TierId,
    Region
);
