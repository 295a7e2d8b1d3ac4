use super::text::t;
use crate::i18n::lang;
use contract::{country_name_in, BillingInfo, COUNTRIES};
use leptos::prelude::*;

use super::api;
use crate::widgets::{load_view, Loader, Submit, TextField};

/// Who invoices are made out to. Checked here and on the server with the same rules; each
/// problem shows at its field and nothing typed is lost.
#[component]
pub fn BillingPage() -> impl IntoView {
    let billing = LocalResource::new(api::billing);
    view! {
        <section class="page" aria-labelledby="billing-title">
            <h1 id="billing-title">{t().billing_title}</h1>
            <Loader label=t().loading_billing retry=Callback::new(move |_| billing.refetch())
                load=Callback::new(move |_| load_view(async move {
                    let info = billing.await?.unwrap_or_default();
                    Ok(view! { <BillingForm info=info /> }.into_any())
                })) />
        </section>
    }
}

#[component]
fn BillingForm(info: BillingInfo) -> impl IntoView {
    let company = RwSignal::new(info.company);
    let line1 = RwSignal::new(info.address_line1);
    let line2 = RwSignal::new(info.address_line2);
    let postal = RwSignal::new(info.postal_code);
    let city = RwSignal::new(info.city);
    let country = RwSignal::new(info.country);
    let vat_id = RwSignal::new(info.vat_id);
    let email = RwSignal::new(info.email);
    let save = Submit::new(move |info: BillingInfo| async move {
        let saved = api::save_billing(&info).await?;
        // What is stored is what the rules made of it (a VAT ID without spaces).
        vat_id.set(saved.vat_id.clone());
        country.set(saved.country.clone());
        Ok(saved)
    });
    let error_at = move |field: &'static str| save.at(field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let info = BillingInfo {
            company: company.get_untracked(),
            address_line1: line1.get_untracked(),
            address_line2: line2.get_untracked(),
            postal_code: postal.get_untracked(),
            city: city.get_untracked(),
            country: country.get_untracked(),
            vat_id: vat_id.get_untracked(),
            email: email.get_untracked(),
        };
        match info.validated(lang()) {
            Ok(info) => save.send(info),
            Err(found) => save.refuse(found),
        }
    };

    view! {
        {save.notice(|_| t().billing_saved.into())}
        <form class="card form-card" on:submit=on_submit novalidate>
            {save.failure_panel()}
            <TextField id="billing-company" label=t().company value=company error=error_at("company") />
            <TextField id="billing-line1" label=t().street value=line1 error=error_at("address_line1") />
            <TextField id="billing-line2" label=t().line2 value=line2 error=error_at("address_line2") />
            <div class="form-row">
                <TextField id="billing-postal" label=t().postal value=postal error=error_at("postal_code") />
                <TextField id="billing-city" label=t().city value=city error=error_at("city") />
            </div>
            <div class="form-row">
                <div class="field">
                    <label for="billing-country">{t().country}</label>
                    <select id="billing-country" prop:value=move || country.get()
                        on:change=move |ev| country.set(event_target_value(&ev))
                        aria-invalid=move || error_at("country").get().is_some().to_string()
                        aria-describedby="billing-country-error">
                        <option value="">{t().choose_country}</option>
                        {COUNTRIES.iter().map(|(code, ..)| view! {
                            <option value=*code selected=move || country.get() == *code>{country_name_in(code, lang()).unwrap_or(code)}</option>
                        }).collect_view()}
                    </select>
                    <p id="billing-country-error" class="field-error" role="alert">{move || error_at("country").get()}</p>
                </div>
                <TextField id="billing-vat" label=t().vat_id value=vat_id error=error_at("vat_id")
                    hint=t().vat_hint />
            </div>
            <TextField id="billing-email" label=t().billing_email value=email error=error_at("email")
                hint=t().billing_email_hint />
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{t().save_billing}</button>
            </div>
        </form>
    }
}
