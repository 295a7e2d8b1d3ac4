use contract::{AcceptInvitation, Invitation, InviteRequest, IssuedInvitations, LoginResponse, PendingInvitations};

use crate::api::{self, ApiError};

pub async fn pending() -> Result<PendingInvitations, ApiError> {
    api::Call::get("/orgs/me/invitations").fetch().await
}

pub async fn invite(request: InviteRequest) -> Result<IssuedInvitations, ApiError> {
    api::Call::post("/orgs/me/invitations").json(&request).fetch().await
}

pub async fn resend(id: i64) -> Result<Invitation, ApiError> {
    api::Call::post(&format!("/orgs/me/invitations/{id}/resend"))
        .json(&())
        .fetch()
        .await
}

pub async fn revoke(id: i64) -> Result<(), ApiError> {
    api::Call::delete(&format!("/orgs/me/invitations/{id}")).send().await
}

pub async fn accept(request: AcceptInvitation) -> Result<LoginResponse, ApiError> {
    api::Call::post("/invitations/accept").json(&request).fetch().await
}
