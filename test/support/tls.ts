import { readFileSync } from 'node:fs';
import type { SecureClientSessionOptions } from 'node:http2';
import {
  CertificateFiles,
  createTestCa,
  issueTestCertificate,
  TestCa,
} from '@cascade/platform/testing';
import type { ServiceName } from './cascade';

/**
 * What startCascade({ tls }) gives the services: the CA every service trusts
 * (CASCADE_TLS_CA) and each service's own certificate (CASCADE_TLS_CERT /
 * CASCADE_TLS_KEY).
 */
export interface CascadeTls {
  ca: string;
  certificates: Record<ServiceName, CertificateFiles>;
}

/** How a test client reaches a TLS port: the CA it verifies the server with, and its own certificate if any. */
export interface ClientTlsFiles {
  ca: string;
  cert?: string;
  key?: string;
}

/**
 * A new CA in `dir` and a certificate for each service with its Cascade
 * identity (CN cascade-metering, cascade-rating, cascade-invoicing).
 */
export function serviceCertificates(dir: string): { authority: TestCa; tls: CascadeTls } {
  const authority = createTestCa(dir, 'Cascade test CA');
  const issue = (name: ServiceName) => issueTestCertificate(authority, `cascade-${name}`);
  const certificates = {
    metering: issue('metering'),
    rating: issue('rating'),
    invoicing: issue('invoicing'),
  };
  return { authority, tls: { ca: authority.cert, certificates } };
}

/** node:http2 options for a client of a TLS port. */
export function http2TlsOptions(files: ClientTlsFiles): SecureClientSessionOptions {
  return {
    ca: readFileSync(files.ca),
    ...(files.cert ? { cert: readFileSync(files.cert) } : {}),
    ...(files.key ? { key: readFileSync(files.key) } : {}),
  };
}
