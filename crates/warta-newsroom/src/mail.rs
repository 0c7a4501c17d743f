//! Outgoing mail (password reset links) over plain SMTP with lettre. Only `smtp://` URLs:
//! the relay is expected on the same host or a trusted network (no TLS built in).

use crate::Newsroom;
use crate::error::{NewsroomError, Result};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where newsroom mail goes: `smtp://host:port` (no TLS) or nowhere, and its sender.
#[derive(Debug, Clone, Default)]
pub struct MailConfig {
    pub smtp_url: Option<String>,
    pub from: String,
}

impl Newsroom {
    /// Mail a one-time password-reset link (valid `ttl_ms`) to `email` if it belongs to an
    /// account. Answers the same for unknown addresses, so nobody learns who has one.
    pub async fn send_reset_link(&self, email: &str, base_url: &str, ttl_ms: i64) -> Result<()> {
        let Some(smtp) = self.mail.smtp_url.clone() else {
            tracing::info!("password reset requested but smtp_url is not configured");
            return Ok(());
        };
        let Some(user) = self.store.user_by_email(email).await? else {
            return Ok(());
        };
        let token = self.store.create_password_reset(user.id, ttl_ms).await?;
        let link = format!("{base_url}/admin/atur-ulang/{token}");
        let body = format!(
            "Halo {},\n\nSeseorang meminta atur ulang kata sandi akun redaksi Anda.\n\
             Buka tautan ini dalam satu jam untuk memilih kata sandi baru:\n\n{link}\n\n\
             Tautan hanya bisa dipakai sekali. Abaikan email ini jika Anda tidak memintanya.\n",
            user.name
        );
        send(
            &smtp,
            &self.mail.from,
            &user.email,
            "Atur ulang kata sandi",
            body,
        )
        .await?;
        self.store
            .audit(Some(user.id), "password-reset-mail", None, "")
            .await?;
        Ok(())
    }
}

fn mail_error(what: String) -> NewsroomError {
    NewsroomError::Mail(what)
}

/// Send one plain-text mail through `smtp_url`.
async fn send(smtp_url: &str, from: &str, to: &str, subject: &str, body: String) -> Result<()> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| mail_error(format!("mail_from is not an address: {e}")))?;
    let to: Mailbox = to
        .parse()
        .map_err(|e| mail_error(format!("recipient is not an address: {e}")))?;
    let msg = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| mail_error(format!("building the mail: {e}")))?;
    let rest = smtp_url
        .strip_prefix("smtp://")
        .ok_or_else(|| mail_error("smtp_url must start with smtp://".into()))?
        .trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .map_err(|_| mail_error(format!("smtp_url port '{p}'")))?,
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
        .map_err(|e| mail_error(format!("sending the mail: {e}")))?;
    Ok(())
}
