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
    let rest = smtp_url
        .strip_prefix("smtp://")
        .ok_or_else(|| AppError::Internal("smtp_url must start with smtp://".into()))?
        .trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .map_err(|_| AppError::Internal(format!("smtp_url port '{p}'")))?,
        ),
        None => (rest, 25),
    };
    // Plain SMTP (no TLS is built in): for a relay on this host or a trusted network.
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(port)
        .timeout(Some(std::time::Duration::from_secs(10)))
        .build();
    transport
        .send(msg)
        .await
        .map_err(|e| AppError::Internal(format!("sending the mail: {e}")))?;
    Ok(())
}
