use contract::{NewWebhookEndpoint, WebhookDeliveryList, WebhookEndpoint, WebhookEndpointList, WebhookSecret};

use crate::api::{self, ApiError};

pub async fn list() -> Result<WebhookEndpointList, ApiError> {
    api::Call::get("/orgs/me/webhooks").fetch().await
}

pub async fn add(request: NewWebhookEndpoint) -> Result<WebhookSecret, ApiError> {
    api::Call::post("/orgs/me/webhooks").json(&request).fetch().await
}

pub async fn update(id: i64, request: NewWebhookEndpoint) -> Result<WebhookEndpoint, ApiError> {
    api::Call::put(&format!("/orgs/me/webhooks/{id}"))
        .json(&request)
        .fetch()
        .await
}

pub async fn delete(id: i64) -> Result<(), ApiError> {
    api::Call::delete(&format!("/orgs/me/webhooks/{id}")).send().await
}

pub async fn roll_secret(id: i64) -> Result<WebhookSecret, ApiError> {
    api::Call::post(&format!("/orgs/me/webhooks/{id}/roll-secret"))
        .json(&())
        .fetch()
        .await
}

pub async fn enable(id: i64) -> Result<WebhookEndpoint, ApiError> {
    api::Call::post(&format!("/orgs/me/webhooks/{id}/enable"))
        .json(&())
        .fetch()
        .await
}

pub async fn send_test(id: i64) -> Result<(), ApiError> {
    api::Call::post(&format!("/orgs/me/webhooks/{id}/test"))
        .json(&())
        .send()
        .await
}

pub async fn deliveries(id: i64) -> Result<WebhookDeliveryList, ApiError> {
    api::Call::get(&format!("/orgs/me/webhooks/{id}/deliveries"))
        .fetch()
        .await
}

pub async fn redeliver(id: i64, delivery: i64) -> Result<(), ApiError> {
    api::Call::post(&format!("/orgs/me/webhooks/{id}/deliveries/{delivery}/redeliver"))
        .json(&())
        .send()
        .await
}
