//! The person's own name.

use common::{spoken, DomainError, DomainResult, Person};
use contract::activity_params::{BeforeAfter, NameChanged};
use contract::Params;
use contract::{AccountView, ActivityKey, ProfileUpdate};

use crate::activity::Change;
use crate::db::{self, Pool};
use crate::{people, sessions};

use super::view;

pub async fn update_profile(pool: &Pool, person: &Person<'_>, update: &ProfileUpdate) -> DomainResult<AccountView> {
    let update = update
        .validated(spoken())
        .map_err(|(field, message)| DomainError::invalid(field, message))?;
    let mut tx = db::write(pool).await?;
    let before = people::name_of(&mut tx, person.user_id).await?;
    sqlx::query!(
        "UPDATE users SET firstname = $1, lastname = $2 WHERE id = $3",
        update.firstname,
        update.lastname,
        person.user_id
    )
    .execute(&mut *tx)
    .await?;
    let after = people::name_of(&mut tx, person.user_id).await?;
    if before != after {
        let change = Change::new(ActivityKey::AccountUpdate)
            .on(person.user_id, after.clone().unwrap_or_default())
            .with(Params::NameChanged(NameChanged {
                name: BeforeAfter::new(before, after),
            }));
        sessions::record_own(&mut tx, person, change).await?;
    }
    tx.commit().await?;
    Ok(view(pool, person.user_id).await?)
}
