export * from './gen/cascade/common/v1/common_pb';
export * from './gen/cascade/metering/v1/tenant_pb';
export * from './gen/cascade/metering/v1/meter_pb';
export * from './gen/cascade/metering/v1/usage_pb';
export * from './gen/cascade/rating/v1/plan_pb';
export * from './gen/cascade/rating/v1/rating_pb';
export * from './gen/cascade/invoicing/v1/invoice_pb';
export * from './gen/grpc/health/v1/health_pb';
