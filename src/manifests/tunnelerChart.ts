/**
 * What the two tunneler charts (`ziti-edge-tunnel` and `ziti-host`) share: the
 * same three identity sources, read through the same chart values
 * (`secret.existingSecretName`/`secret.keyName`) and `--set-file` keys.
 */
import {
  FormReader,
  checks,
  identitySourceField,
  jsonFile,
  jwtFile,
  readSecretName,
  secretKeyField,
  secretNameField,
  type IdentitySource,
} from './common';
import type {SetFile} from './helmCommon';
import type {FieldSpec} from './types';
import {checkUnquotedInChart} from './validate';

/** Both charts take an existing Secret under this key unless told otherwise (their `secret.keyName` default). */
const DEFAULT_SECRET_KEY = 'persisted-identity';

/** The identity-source part of a tunneler chart's input. */
export interface TunnelerIdentity {
  readonly identitySource: IdentitySource;
  /** Only for `existing-secret`: the Secret and its key holding the enrolled JSON. */
  readonly secret?: {readonly name: string; readonly key: string};
}

/** Identity source, then the Secret name and key shown only for `existing-secret`. */
export function tunnelerIdentityFields(): FieldSpec[] {
  const whenSecret = {field: 'identitySource', values: ['existing-secret']};
  return [
    identitySourceField(['enroll-token', 'identity-json', 'existing-secret'], 'enroll-token'),
    secretNameField({
      defaultValue: '',
      help: 'Secret holding the enrolled identity JSON. Leave empty for IDENTITY-NAME-identity.',
      showWhen: whenSecret,
    }),
    secretKeyField({
      defaultValue: DEFAULT_SECRET_KEY,
      help: 'Key of the identity JSON inside the Secret (chart value secret.keyName).',
      showWhen: whenSecret,
    }),
  ];
}

/** Reads the fields of {@link tunnelerIdentityFields}; `secret` is absent unless the Secret fields are shown. */
export function readTunnelerIdentity(r: FormReader, identityName: string): TunnelerIdentity {
  const identitySource = r.select<IdentitySource>('identitySource');
  const secret = r.shown('secretName')
    ? {name: readSecretName(r, identityName), key: r.text('secretKey', checks.secretKey)}
    : undefined;
  // Both charts print `secretName: {{ .Values.secret.existingSecretName }}` without quotes
  // (ziti-edge-tunnel templates/daemonset.yaml, ziti-host templates/deployment.yaml).
  if (secret) r.add(checkUnquotedInChart('secretName', secret.name, 'the Secret name', "the identity volume's secretName in the chart's template"));
  return {identitySource, ...(secret ? {secret} : {})};
}

/** Chart values that mount an existing identity Secret. */
export function tunnelerSecretValues(secret: {readonly name: string; readonly key: string}): Record<string, unknown> {
  return {existingSecretName: secret.name, keyName: secret.key};
}

/** The file Helm hands the chart: the token to enroll, or the enrolled JSON; nothing for an existing Secret. */
export function tunnelerSetFiles(identitySource: IdentitySource, identityName: string): SetFile[] {
  if (identitySource === 'enroll-token') return [{key: 'zitiEnrollToken', file: jwtFile(identityName)}];
  if (identitySource === 'identity-json') return [{key: 'zitiIdentity', file: jsonFile(identityName)}];
  return [];
}
