# p99 latency against offered load, from the .dat files bench/lib/report.py writes.
#   gnuplot -e "out='bench/results/<timestamp>'" bench/plot.gp      (writes <out>/latency.png)
set terminal pngcairo size 900,500 noenhanced font ",10"
set output out."/latency.png"
set title "p99 latency vs offered load (paced hey, 127.0.0.1, nginx stub upstream)"
set xlabel "offered load (requests/s)"
set ylabel "p99 latency (ms)"
set xtics (200, 500, 1000)
set key top left
set grid
set logscale y
plot out."/p99-GET-proxy.dat" with linespoints lw 2 lc 1 title "GET proxy", \
     out."/p99-GET-direct.dat" with linespoints lw 2 lc 2 title "GET direct", \
     out."/p99-GET-nginx.dat" with linespoints lw 2 lc 3 title "GET nginx", \
     out."/p99-PUT-proxy.dat" with linespoints dt 2 lc 1 title "PUT proxy", \
     out."/p99-PUT-direct.dat" with linespoints dt 2 lc 2 title "PUT direct", \
     out."/p99-PUT-nginx.dat" with linespoints dt 2 lc 3 title "PUT nginx"
