//! The Polars expression plugin (`canonym.polars`): elementwise functions over string columns,
//! run by Polars on its own threads with no Python per row.
//!
//! Polars loads this same shared library a second time by path, which the dynamic loader
//! resolves to the module Python already imported, so a gazetteer built in Python is found here
//! by its number (`handle::by_id`); one given by path is built once per process
//! (`handle::by_path`).

use polars::prelude::*;
use pyo3_polars::derive::polars_expr;
use pyo3_polars::export::polars_arrow::array::ListArray;
use pyo3_polars::export::polars_arrow::bitmap::Bitmap;
use pyo3_polars::export::polars_arrow::offset::OffsetsBuffer;
use serde::Deserialize;

use crate::calls::{self, Romanizer};
use crate::handle::{self, Handle};
use crate::offsets::CharOffsets;

#[derive(Deserialize)]
struct TranslitKwargs {
    scheme: Option<String>,
    lang: Option<String>,
    ascii: bool,
}

/// Which tables: a registered gazetteer's number (0 for the built-in tables), or a path.
#[derive(Deserialize)]
struct TablesKwargs {
    gazetteer: u64,
    path: Option<String>,
}

impl TablesKwargs {
    fn handle(&self) -> PolarsResult<Handle> {
        match &self.path {
            Some(path) => handle::by_path(path),
            None => handle::by_id(self.gazetteer),
        }
        .map_err(|e| PolarsError::ComputeError(e.into()))
    }
}

fn strings(inputs: &[Series]) -> PolarsResult<&StringChunked> {
    inputs
        .first()
        .ok_or_else(|| PolarsError::ComputeError("expected one string column".into()))?
        .str()
}

#[polars_expr(output_type=String)]
fn key(inputs: &[Series]) -> PolarsResult<Series> {
    let ca = strings(inputs)?;
    Ok(ca
        .apply_into_string_amortized(|name, out| calls::key_into(name, out))
        .into_series())
}

#[polars_expr(output_type=String)]
fn translit(inputs: &[Series], kwargs: TranslitKwargs) -> PolarsResult<Series> {
    let ca = strings(inputs)?;
    let romanizer = Romanizer::new(
        kwargs.scheme.as_deref(),
        kwargs.lang.as_deref(),
        kwargs.ascii,
    )
    .map_err(|e| PolarsError::ComputeError(e.into()))?;
    Ok(ca
        .apply_into_string_amortized(|text, out| out.push_str(&romanizer.translit(text)))
        .into_series())
}

#[polars_expr(output_type=String)]
fn lookup_id(inputs: &[Series], kwargs: TablesKwargs) -> PolarsResult<Series> {
    let ca = strings(inputs)?;
    let handle = kwargs.handle()?;
    let tables = handle.tables();
    let out: StringChunked = ca
        .iter()
        .map(|name| name.and_then(|n| calls::lookup_id(tables, n)))
        .collect();
    Ok(out.with_name(ca.name().clone()).into_series())
}

fn mention_struct() -> DataType {
    DataType::Struct(vec![
        Field::new("start".into(), DataType::UInt32),
        Field::new("end".into(), DataType::UInt32),
        Field::new("id".into(), DataType::String),
    ])
}

fn annotate_type(inputs: &[Field]) -> PolarsResult<Field> {
    let name = inputs
        .first()
        .map_or_else(|| "mentions".into(), |f| f.name().clone());
    Ok(Field::new(name, DataType::List(Box::new(mention_struct()))))
}

/// Each text's mentions as a list of `{start, end, id}`, with character offsets (what
/// `str.slice` takes). Built as one flat struct column cut by offsets, not a column per row.
#[polars_expr(output_type_func=annotate_type)]
fn annotate(inputs: &[Series], kwargs: TablesKwargs) -> PolarsResult<Series> {
    let ca = strings(inputs)?;
    let handle = kwargs.handle()?;
    let tables = handle.tables();
    let mut starts: Vec<u32> = Vec::new();
    let mut ends: Vec<u32> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut offsets: Vec<i64> = Vec::with_capacity(ca.len() + 1);
    let mut validity: Vec<bool> = Vec::with_capacity(ca.len());
    offsets.push(0);
    let too_long = || PolarsError::ComputeError("a text is longer than 4 Gi characters".into());
    for text in ca.iter() {
        if let Some(text) = text {
            let mut chars = CharOffsets::new(text);
            for f in calls::find(tables, text) {
                starts.push(u32::try_from(chars.at(f.start)).map_err(|_| too_long())?);
                ends.push(u32::try_from(chars.at(f.end)).map_err(|_| too_long())?);
                ids.push(f.id);
            }
        }
        validity.push(text.is_some());
        offsets.push(i64::try_from(starts.len()).map_err(|_| too_long())?);
    }
    let fields = [
        Series::new("start".into(), starts),
        Series::new("end".into(), ends),
        Series::new("id".into(), ids),
    ];
    let len = fields[0].len();
    let values = StructChunked::from_series("".into(), len, fields.iter())?
        .into_series()
        .rechunk();
    let values = values.to_arrow(0, CompatLevel::newest());
    let dtype = ListArray::<i64>::default_datatype(values.dtype().clone());
    let offsets = OffsetsBuffer::try_from(offsets)?;
    let validity = validity
        .iter()
        .any(|v| !v)
        .then(|| Bitmap::from_iter(validity.iter().copied()));
    let list = ListArray::<i64>::try_new(dtype, offsets, values, validity)?;
    Series::from_arrow(ca.name().clone(), list.boxed())
}
