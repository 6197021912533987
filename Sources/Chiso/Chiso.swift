// Chiso: trends, projections and gap-to-target tables for planning indicators.
// This module only re-exports the library layers.
@_exported import Forecasting
@_exported import Indicators
@_exported import LinearAlgebra
@_exported import Reporting
@_exported import Statistics
