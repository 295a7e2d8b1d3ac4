use super::text::t;
use crate::i18n::fill;
use contract::{CardUpdate, PaymentMethod};
use leptos::prelude::*;

use super::api;
use crate::widgets::{load_view, Loader, Submit, TextField};

/// The card on file: shown as brand, last four digits and expiry; replaced by a new card that
/// passes the Luhn check and has not expired. The number and security code are not kept.
#[component]
pub fn PaymentPage() -> impl IntoView {
    let payment = LocalResource::new(api::payment);
    view! {
        <section class="page" aria-labelledby="payment-title">
            <h1 id="payment-title">{t().payment_title}</h1>
            <Loader label=t().loading_payment retry=Callback::new(move |_| payment.refetch())
                load=Callback::new(move |_| load_view(async move {
                    let card = payment.await?;
                    Ok(view! { <CardForm current=card /> }.into_any())
                })) />
        </section>
    }
}

fn describe(card: &PaymentMethod) -> String {
    fill(
        t().card_line,
        &[
            &card.brand,
            &card.last4,
            &format!("{:02}", card.exp_month),
            &card.exp_year,
            &card.holder,
        ],
    )
}

#[component]
fn CardForm(current: Option<PaymentMethod>) -> impl IntoView {
    let on_file = RwSignal::new(current);
    let holder = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let cvc = RwSignal::new(String::new());
    let save = Submit::new(move |card: CardUpdate| async move {
        let kept = api::save_card(&card).await?;
        on_file.set(Some(kept.clone()));
        // The full number and code leave the page once they are saved.
        number.set(String::new());
        cvc.set(String::new());
        Ok(kept)
    });
    let error_at = move |field: &'static str| save.at(field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let card = CardUpdate {
            holder: holder.get_untracked(),
            number: number.get_untracked(),
            exp_month: month.get_untracked().trim().parse().unwrap_or(0),
            exp_year: year.get_untracked().trim().parse().unwrap_or(0),
            cvc: cvc.get_untracked().trim().to_string(),
        };
        let today = js_sys::Date::new_0();
        let now = (today.get_utc_full_year() as i32, today.get_utc_month() + 1);
        match card.validated(now, crate::i18n::lang()) {
            Ok(_) => save.send(card),
            Err(found) => save.refuse(found),
        }
    };

    view! {
        {save.notice(|kept| fill(t().card_saved, &[&describe(kept)]))}
        <div class="card">
            <h2>{t().card_on_file}</h2>
            <p data-testid="card-on-file">{move || on_file.get().map(|c| describe(&c)).unwrap_or_else(|| t().no_card_yet.into())}</p>
        </div>
        <form class="card form-card" on:submit=on_submit novalidate autocomplete="off">
            <h2>{move || if on_file.get().is_some() { t().replace_card } else { t().add_card }}</h2>
            {save.failure_panel()}
            <TextField id="card-holder" label=t().holder value=holder error=error_at("holder") />
            <TextField id="card-number" label=t().number value=number error=error_at("number") />
            <div class="form-row three">
                <TextField id="card-month" label=t().month value=month error=error_at("exp_month") hint=t().month_hint />
                <TextField id="card-year" label=t().year value=year error=error_at("exp_year") hint=t().year_hint />
                <TextField id="card-cvc" label=t().cvc value=cvc error=error_at("cvc") />
            </div>
            <p class="muted hint">{t().card_kept}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{t().save_card}</button>
            </div>
        </form>
    }
}
