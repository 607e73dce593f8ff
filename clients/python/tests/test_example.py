"""The Kili recipe rewritten in examples/ runs as a user would run it and prints the model's disagreements."""

import os
import subprocess
import sys
import unittest

from . import server

try:
    import pandas
except ImportError:  # pandas is optional
    pandas = None

EXAMPLES = os.environ.get("LABELLOOP_EXAMPLES") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples")


@unittest.skipUnless(pandas is not None, "pandas is not installed")
class KiliRecipeTest(unittest.TestCase):
    def test_inference_labels_recipe_prints_the_three_disagreements(self):
        ll = server.admin()
        script = os.path.join(EXAMPLES, "kili_inference_labels.py")
        run = subprocess.run([sys.executable, script, ll._http.base, ll._http.api_key],
                             capture_output=True, text=True, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr)
        lines = run.stdout.splitlines()
        self.assertEqual(lines[0], "[('black_car.jpg', 0.0), ('grey_car.jpg', 1.0), ('red_car.jpg', 0.0), ('white_car.jpg', 0.0)]")
        self.assertEqual(sorted(lines[1:]), [
            "The model predicted BLACK but the human predicted RED for asset red_car.jpg.",
            "The model predicted RED but the human predicted WHITE for asset white_car.jpg.",
            "The model predicted WHITE but the human predicted BLACK for asset black_car.jpg.",
        ])


if __name__ == "__main__":
    unittest.main()
