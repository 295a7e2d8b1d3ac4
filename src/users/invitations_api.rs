use contract::{AcceptInvitation, Invitation, InviteRequest, IssuedInvitations, LoginResponse, PendingInvitations};

use crate::api::{self, ApiError};

pub async fn pending() -> Result<PendingInvitations, ApiError> {
    api::get("/orgs/me/invitations").await
}

pub async fn invite(request: InviteRequest) -> Result<IssuedInvitations, ApiError> {
    api::post("/orgs/me/invitations", &request).await
}

pub async fn resend(id: i64) -> Result<Invitation, ApiError> {
    api::post(&format!("/orgs/me/invitations/{id}/resend"), &()).await
}

pub async fn revoke(id: i64) -> Result<(), ApiError> {
    api::delete(&format!("/orgs/me/invitations/{id}")).await
}

pub async fn accept(request: AcceptInvitation) -> Result<LoginResponse, ApiError> {
    api::post("/invitations/accept", &request).await
}
