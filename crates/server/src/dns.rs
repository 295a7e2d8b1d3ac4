//! The resolver that looks up verified domains' TXT records: the DNS server `--dns-resolver`
//! names, or the system's. It keeps no cache, so "Verify" right after publishing a record sees
//! it as soon as the DNS server does, and a negative answer is not remembered.

use std::net::SocketAddr;
use std::time::Duration;

use common::dns::{TxtAnswer, TxtFuture, TxtLookup};
use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::ProtoErrorKind;
use hickory_resolver::{ResolveError, TokioResolver};

pub struct Dns {
    /// Or why there is none: a machine without readable resolver settings still serves, and
    /// "Verify" says why it cannot look anything up.
    resolver: Result<TokioResolver, String>,
}

impl Dns {
    pub fn new(server: Option<SocketAddr>) -> Dns {
        let provider = TokioConnectionProvider::default();
        let builder = match server {
            Some(addr) => {
                let servers = NameServerConfigGroup::from_ips_clear(&[addr.ip()], addr.port(), true);
                Ok(TokioResolver::builder_with_config(
                    ResolverConfig::from_parts(None, vec![], servers),
                    provider,
                ))
            }
            None => TokioResolver::builder_tokio()
                .map_err(|e| format!("the system's DNS resolvers cannot be read (give --dns-resolver): {e}")),
        };
        let resolver = builder.map(|mut builder| {
            let options: &mut ResolverOpts = builder.options_mut();
            options.cache_size = 0;
            options.timeout = Duration::from_secs(3);
            options.attempts = 2;
            builder.build()
        });
        if let Err(reason) = &resolver {
            tracing::warn!(%reason, "domains cannot be verified");
        }
        Dns { resolver }
    }
}

impl TxtLookup for Dns {
    fn txt<'a>(&'a self, name: &'a str) -> TxtFuture<'a> {
        Box::pin(async move {
            let resolver = match &self.resolver {
                Ok(resolver) => resolver,
                Err(reason) => return TxtAnswer::Failed(reason.clone()),
            };
            // Fully qualified: a name is never tried under the machine's search domains.
            match resolver.txt_lookup(format!("{name}.")).await {
                Ok(found) => TxtAnswer::Records(
                    found
                        .iter()
                        .map(|txt| {
                            txt.txt_data()
                                .iter()
                                .map(|part| String::from_utf8_lossy(part))
                                .collect::<String>()
                        })
                        .collect(),
                ),
                Err(err) if nothing_there(&err) => TxtAnswer::Records(Vec::new()),
                Err(err) => TxtAnswer::Failed(err.to_string()),
            }
        })
    }
}

/// Whether DNS answered that the name has no TXT record (no such name, or no record of the type),
/// as opposed to failing to answer (a server failure, a refusal), which proves nothing.
fn nothing_there(err: &ResolveError) -> bool {
    err.proto().is_some_and(|proto| {
        matches!(
            proto.kind(),
            ProtoErrorKind::NoRecordsFound {
                response_code: ResponseCode::NXDomain | ResponseCode::NoError,
                ..
            }
        )
    })
}
