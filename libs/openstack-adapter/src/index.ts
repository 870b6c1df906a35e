export * from './openstack-adapter';
export * from './notification';
export * from './oslo-time';
export { VERSIONED_RULES } from './nova-versioned';
export { LEGACY_RULES } from './nova-legacy';
export { VOLUME_RULES } from './cinder';
export { FLOATING_IP_RULES } from './neutron';
