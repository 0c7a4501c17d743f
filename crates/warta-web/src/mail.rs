//! Outgoing mail (password reset links) over plain SMTP with lettre. Only `smtp://` URLs:
//! the relay is expected on the same host or a trusted network (no TLS built in).

use crate::error::AppError;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Send one plain-text mail through `smtp_url`.
pub async fn send(
    smtp_url: &str,
    from: &str,
    to: &str,
    subject: &str,
    body: String,
) -> Result<(), AppError> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| AppError::Internal(format!("mail_from is not an address: {e}")))?;
    let to: Mailbox = to
        .parse()
        .map_err(|e| AppError::Internal(format!("recipient is not an address: {e}")))?;
    let msg = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| AppError::Internal(format!("building the mail: {e}")))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
        .map_err(|e| AppError::Internal(format!("smtp_url: {e}")))?
        .timeout(Some(std::time::Duration::from_secs(10)))
        .build();
    transport
        .send(msg)
        .await
        .map_err(|e| AppError::Internal(format!("sending the mail: {e}")))?;
    Ok(())
}
