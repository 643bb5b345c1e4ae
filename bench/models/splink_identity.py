"""Splink on the same normalised records hrflow's identity resolution reads.

Usage: splink_identity.py RECORDS.parquet CLUSTERS.parquet THRESHOLD

Reads silver.identity_records (candidates and workers) exported by identity.ts, trains a
Fellegi-Sunter model the way Splink's guides do (u by random sampling, m by EM on two blocking
rules), predicts with the same blocking rules hrflow uses, clusters at THRESHOLD and writes
record_key -> cluster_id. Prints the wall time of training, prediction and clustering.
"""

import sys
import time

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

records_path, clusters_path, threshold = sys.argv[1], sys.argv[2], float(sys.argv[3])
con = duckdb.connect()
con.execute(f"create table identity_records as select * from read_parquet('{records_path}')")

settings = SettingsCreator(
    link_type="dedupe_only",
    unique_id_column_name="record_key",
    comparisons=[
        cl.NameComparison("first_name_norm"),
        cl.NameComparison("last_name_norm"),
        cl.EmailComparison("email"),
        # The national number, as hrflow compares phones: one number typed in national form is
        # read under the country code of each job applied to.
        cl.ExactMatch("phone_nsn"),
        cl.AbsoluteDateDifferenceAtThresholds(
            "start_date", metrics=["day", "day"], thresholds=[14, 60], input_is_string=False
        ),
    ],
    blocking_rules_to_generate_predictions=[
        block_on("phone_nsn"),
        block_on("email_canonical"),
        block_on("first_name_norm", "last_name_norm"),
        block_on("last_name_norm", "substr(first_name_norm, 1, 1)"),
        block_on("first_name_norm", "substr(last_name_norm, 1, 1)"),
    ],
    retain_intermediate_calculation_columns=False,
)

started = time.perf_counter()
db_api = DuckDBAPI(connection=con)
linker = Linker(db_api.register("identity_records"), settings)
linker.training.estimate_probability_two_random_records_match(
    [block_on("email"), block_on("phone_nsn", "last_name_norm")], recall=0.7
)
linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000)
linker.training.estimate_parameters_using_expectation_maximisation(
    block_on("first_name_norm", "last_name_norm")
)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("phone_nsn"))
trained = time.perf_counter()
predictions = linker.inference.predict(threshold_match_probability=threshold)
clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
    predictions, threshold_match_probability=threshold
)
out = clusters.as_duckdbpyrelation()
con.execute(
    f"copy (select record_key, cast(cluster_id as varchar) as cluster_id from out) "
    f"to '{clusters_path}' (format parquet)"
)
finished = time.perf_counter()
print(f"train_s={trained - started:.2f} predict_cluster_s={finished - trained:.2f} total_s={finished - started:.2f}")
