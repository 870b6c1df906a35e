/** What the TLS layer tells about a connection's client certificate. */
export interface PresentedCertificate {
  /** Verified against CASCADE_TLS_CA: signed by it, in its validity period. */
  authorized: boolean;
  /** The subject's CN: a string, or several when the subject repeats it. */
  commonName?: string | readonly string[];
}

/**
 * The Cascade service a client certificate proves: its subject CN, when the
 * certificate was verified and the CN is one of the service names. Anything
 * else (no certificate, another CA, expired, another name, several CNs)
 * proves no service.
 */
export function certifiedService(
  certificate: PresentedCertificate,
  serviceNames: readonly string[],
): string | undefined {
  const name = certificate.commonName;
  if (!certificate.authorized || typeof name !== 'string') return undefined;
  return serviceNames.includes(name) ? name : undefined;
}
